package io.chatsuite.contracts.protocol;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

/**
 * A frame the server sends down a WebSocket (see docs/protocol.md). Services publish these, serialized, on the
 * recipient's Redis channel {@code user:{id}}; the gateway writes them to the user's sockets as they are.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
        @JsonSubTypes.Type(value = AckFrame.class, name = "ack"),
        @JsonSubTypes.Type(value = EventFrame.class, name = "event"),
        @JsonSubTypes.Type(value = ReceiptFrame.class, name = "receipt"),
        @JsonSubTypes.Type(value = ErrorFrame.class, name = "error"),
        @JsonSubTypes.Type(value = PongFrame.class, name = "pong"),
        @JsonSubTypes.Type(value = PresenceFrame.class, name = "presence"),
        @JsonSubTypes.Type(value = TypingFrame.class, name = "typing"),
        @JsonSubTypes.Type(value = UnreadFrame.class, name = "unread"),
        @JsonSubTypes.Type(value = NotificationsFrame.class, name = "notifications"),
        @JsonSubTypes.Type(value = DoNotDisturbFrame.class, name = "do-not-disturb"),
        @JsonSubTypes.Type(value = FriendshipFrame.class, name = "friendship"),
        @JsonSubTypes.Type(value = ProfileFrame.class, name = "profile")
})
public sealed interface ServerFrame
        permits AckFrame, EventFrame, ReceiptFrame, ErrorFrame, PongFrame, PresenceFrame, TypingFrame,
        UnreadFrame, NotificationsFrame, DoNotDisturbFrame, FriendshipFrame, ProfileFrame {

    /** The Redis channel that reaches every socket of a user, on whichever gateway node holds them. */
    static String channelOf(java.util.UUID userId) {
        return "user:" + userId;
    }
}
