package io.chatsuite.contracts.chat;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.time.Instant;
import java.util.UUID;

/**
 * A client's command as the gateway forwards it on {@code chat.commands}, keyed by {@link #conversationId()}.
 * The sender is always the authenticated user of the socket, never a value from the client's frame.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
        @JsonSubTypes.Type(value = SendMessage.class, name = "send"),
        @JsonSubTypes.Type(value = EditMessage.class, name = "edit"),
        @JsonSubTypes.Type(value = DeleteMessage.class, name = "delete"),
        @JsonSubTypes.Type(value = MarkRead.class, name = "read"),
        @JsonSubTypes.Type(value = ReactToMessage.class, name = "react"),
        @JsonSubTypes.Type(value = MarkUnread.class, name = "unread")
})
@JsonIgnoreProperties(ignoreUnknown = true)
public sealed interface ChatCommand permits SendMessage, EditMessage, DeleteMessage, MarkRead, ReactToMessage,
        MarkUnread {

    int VERSION = 1;

    /**
     * The client's id for this command: echoed in the ack or error, and the idempotency key with the sender's
     * session ({@link #sessionId()}), so two devices of one user that pick the same id are two commands.
     */
    String clientId();

    UUID conversationId();

    /** Taken from the socket's token by the gateway. */
    UUID senderId();

    /**
     * The login session the command came from (the token's {@code sid}), taken by the gateway; null only in records
     * written before commands carried it.
     */
    UUID sessionId();

    /** When the gateway accepted the command. */
    Instant receivedAt();

    @JsonProperty("v")
    default int version() {
        return VERSION;
    }

    /** The command's protocol type (its {@code type} in JSON): send, edit, delete, read, react or unread. */
    static String typeName(ChatCommand command) {
        if (command instanceof SendMessage) {
            return "send";
        }
        if (command instanceof EditMessage) {
            return "edit";
        }
        if (command instanceof ReactToMessage) {
            return "react";
        }
        if (command instanceof DeleteMessage) {
            return "delete";
        }
        return command instanceof MarkRead ? "read" : "unread";
    }
}
