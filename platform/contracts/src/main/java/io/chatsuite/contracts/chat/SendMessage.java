package io.chatsuite.contracts.chat;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Post a message. {@code replyTo} is the seq of the message answered, or null. {@code threadRootId} makes it a reply
 * in the thread under that message (a message of the same conversation that is not itself a thread reply), or null;
 * {@code alsoToConversation} shows a thread reply in the conversation's main list too ("also send to the
 * conversation"), and is false for a message that is not a thread reply.
 */
public record SendMessage(String clientId, UUID conversationId, UUID senderId, UUID sessionId, Instant receivedAt,
                          String body, MessageFormat format, Long replyTo, List<UUID> attachmentIds,
                          UUID threadRootId, boolean alsoToConversation)
        implements ChatCommand {

    public SendMessage {
        attachmentIds = attachmentIds == null ? List.of() : List.copyOf(attachmentIds);
        format = format == null ? MessageFormat.MARKDOWN : format;
        alsoToConversation = alsoToConversation && threadRootId != null;
    }

    /** A message of the conversation's main list, not in a thread. */
    public SendMessage(String clientId, UUID conversationId, UUID senderId, UUID sessionId, Instant receivedAt,
                       String body, MessageFormat format, Long replyTo, List<UUID> attachmentIds) {
        this(clientId, conversationId, senderId, sessionId, receivedAt, body, format, replyTo, attachmentIds, null,
                false);
    }
}
