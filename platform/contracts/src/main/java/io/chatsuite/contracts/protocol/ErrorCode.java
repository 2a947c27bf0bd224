package io.chatsuite.contracts.protocol;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** Why a frame or command was refused. Clients branch on these; the message is for people. */
public enum ErrorCode {
    /** The frame is not a JSON object. */
    BAD_JSON,
    /** A text frame that is not valid UTF-8. */
    INVALID_UTF8,
    /** The frame's type is not one the protocol knows. */
    UNKNOWN_TYPE,
    /** A required field is absent. */
    MISSING_FIELD,
    /** A field has the wrong type or an unacceptable value. */
    INVALID_FIELD,
    /** The frame or the body is over its limit. */
    TOO_LARGE,
    /** Too many commands per second; slow down. */
    RATE_LIMITED,
    /** No such conversation or message, or none the user may know of. */
    NOT_FOUND,
    /** The user may not do this (for example edit another's message). */
    FORBIDDEN,
    /** A block between the users forbids it. */
    BLOCKED,
    /** The server could not take the command now; retry with the same id. */
    UNAVAILABLE;

    @JsonValue
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
