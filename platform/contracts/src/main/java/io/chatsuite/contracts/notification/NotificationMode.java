package io.chatsuite.contracts.notification;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import io.chatsuite.contracts.chat.WireNames;
import java.util.Locale;

/** Which new messages of a conversation notify its reader (sound, browser notification): {@code all} or {@code mentions}. */
public enum NotificationMode {
    /** Every message from someone else. */
    ALL,
    /** Only messages that mention the reader (by name or as one of the room). */
    MENTIONS;

    @JsonValue
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The mode a wire name (either case) names; unknown names are refused. */
    @JsonCreator
    public static NotificationMode fromWire(String name) {
        return WireNames.parse(NotificationMode.class, name);
    }
}
