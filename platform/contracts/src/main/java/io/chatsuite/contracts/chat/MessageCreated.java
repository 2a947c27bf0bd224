package io.chatsuite.contracts.chat;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A new message; {@code actorId} is its sender, {@code clientId} the sender's command id. {@code mentionedUserIds}
 * are the members its body mentions by username ({@link Mentions}, resolved by chat-service; never the sender, never a
 * non-member), {@code roomMentioned} says it mentions everyone in the room ({@code @room}/{@code @here}, from a member
 * the room allows to). Events from before mentions existed read as mentioning nobody.
 */
public record MessageCreated(UUID conversationId, long seq, Instant occurredAt, UUID actorId,
                             UUID messageId, String clientId, String body, MessageFormat format,
                             Long replyTo, List<AttachmentRef> attachments, List<UUID> mentionedUserIds,
                             boolean roomMentioned) implements TimelineEvent {

    public MessageCreated {
        attachments = attachments == null ? List.of() : List.copyOf(attachments);
        mentionedUserIds = mentionedUserIds == null ? List.of() : List.copyOf(mentionedUserIds);
    }

    /** A message that mentions nobody. */
    public MessageCreated(UUID conversationId, long seq, Instant occurredAt, UUID actorId, UUID messageId,
                          String clientId, String body, MessageFormat format, Long replyTo,
                          List<AttachmentRef> attachments) {
        this(conversationId, seq, occurredAt, actorId, messageId, clientId, body, format, replyTo, attachments,
                List.of(), false);
    }

    /** Whether {@code userId} is mentioned: by name, or as a member of a room mentioned whole (not its sender). */
    public boolean mentions(UUID userId) {
        return mentionedUserIds.contains(userId) || (roomMentioned && !userId.equals(actorId));
    }
}
