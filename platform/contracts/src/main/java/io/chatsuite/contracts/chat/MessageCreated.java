package io.chatsuite.contracts.chat;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** A new message; {@code actorId} is its sender, {@code clientId} the sender's command id. */
public record MessageCreated(UUID conversationId, long seq, Instant occurredAt, UUID actorId,
                             UUID messageId, String clientId, String body, MessageFormat format,
                             Long replyTo, List<AttachmentRef> attachments) implements TimelineEvent {

    public MessageCreated {
        attachments = attachments == null ? List.of() : List.copyOf(attachments);
    }
}
