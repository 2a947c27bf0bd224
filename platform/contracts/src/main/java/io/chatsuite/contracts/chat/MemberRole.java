package io.chatsuite.contracts.chat;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/**
 * A member's role in a conversation. On the wire (REST, events, history) it is {@code owner}, {@code admin} or
 * {@code member}; requests and events stored before that spelling ({@code OWNER}) still read.
 */
public enum MemberRole {
    OWNER,
    ADMIN,
    MEMBER;

    /** Owners and admins manage members and may delete anyone's message. */
    public boolean moderates() {
        return this != MEMBER;
    }

    @JsonValue
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The role a wire name (either case) names; unknown names are refused. */
    @JsonCreator
    public static MemberRole fromWire(String name) {
        return WireNames.parse(MemberRole.class, name);
    }
}
