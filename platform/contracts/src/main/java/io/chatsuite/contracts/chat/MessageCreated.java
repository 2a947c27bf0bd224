package io.chatsuite.contracts.chat;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A new message; {@code actorId} is its sender, {@code clientId} the sender's command id. {@code threadRootId} is
 * the id of the thread's root message when this is a thread reply (null otherwise); {@code alsoToConversation} says
 * whether a thread reply is shown in the conversation's main list too. {@code mentionedUserIds} are the members its
 * body mentions by username ({@link Mentions}, resolved by chat-service; never the sender, never a non-member),
 * {@code roomMentioned} says it mentions everyone in the room ({@code @room}/{@code @here}, from a member the room
 * allows to). Events from before threads and mentions existed read as main-list messages mentioning nobody.
 */
public record MessageCreated(UUID conversationId, long seq, Instant occurredAt, UUID actorId,
                             UUID messageId, String clientId, String body, MessageFormat format,
                             Long replyTo, List<AttachmentRef> attachments, UUID threadRootId,
                             boolean alsoToConversation, List<UUID> mentionedUserIds,
                             boolean roomMentioned) implements TimelineEvent {

    public MessageCreated {
        attachments = attachments == null ? List.of() : List.copyOf(attachments);
        alsoToConversation = alsoToConversation && threadRootId != null;
        mentionedUserIds = mentionedUserIds == null ? List.of() : List.copyOf(mentionedUserIds);
    }

    /** A message of the conversation's main list, not in a thread, that mentions nobody. */
    public MessageCreated(UUID conversationId, long seq, Instant occurredAt, UUID actorId, UUID messageId,
                          String clientId, String body, MessageFormat format, Long replyTo,
                          List<AttachmentRef> attachments) {
        this(conversationId, seq, occurredAt, actorId, messageId, clientId, body, format, replyTo, attachments, null,
                false, List.of(), false);
    }

    /** Shown in the conversation's main list: not a thread reply, or one also sent to the conversation. */
    public boolean inMainList() {
        return threadRootId == null || alsoToConversation;
    }

    /** Whether {@code userId} is mentioned: by name, or as a member of a room mentioned whole (not its sender). */
    public boolean mentions(UUID userId) {
        return mentionedUserIds.contains(userId) || (roomMentioned && !userId.equals(actorId));
    }
}
