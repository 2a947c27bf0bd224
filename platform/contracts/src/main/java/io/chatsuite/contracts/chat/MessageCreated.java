package io.chatsuite.contracts.chat;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A new message; {@code actorId} is its sender, {@code clientId} the sender's command id. {@code threadRootId} is
 * the id of the thread's root message when this is a thread reply (null otherwise); {@code alsoToConversation} says
 * whether a thread reply is shown in the conversation's main list too.
 */
public record MessageCreated(UUID conversationId, long seq, Instant occurredAt, UUID actorId,
                             UUID messageId, String clientId, String body, MessageFormat format,
                             Long replyTo, List<AttachmentRef> attachments, UUID threadRootId,
                             boolean alsoToConversation) implements TimelineEvent {

    public MessageCreated {
        attachments = attachments == null ? List.of() : List.copyOf(attachments);
        alsoToConversation = alsoToConversation && threadRootId != null;
    }

    /** A message of the conversation's main list, not in a thread. */
    public MessageCreated(UUID conversationId, long seq, Instant occurredAt, UUID actorId, UUID messageId,
                          String clientId, String body, MessageFormat format, Long replyTo,
                          List<AttachmentRef> attachments) {
        this(conversationId, seq, occurredAt, actorId, messageId, clientId, body, format, replyTo, attachments, null,
                false);
    }

    /** Shown in the conversation's main list: not a thread reply, or one also sent to the conversation. */
    public boolean inMainList() {
        return threadRootId == null || alsoToConversation;
    }
}
