package io.chatsuite.contracts.chat;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A message's new body; the edit time is {@code occurredAt}. {@code mentionedUserIds} and {@code roomMentioned} are
 * whom the new body mentions, resolved by chat-service by the same rule as a send ({@link Mentions}); they replace the
 * message's mentions. An edit from before edits were parsed carries no {@code mentionedUserIds} (null): the message
 * keeps the mentions it had.
 */
public record MessageEdited(UUID conversationId, long seq, Instant occurredAt, UUID actorId,
                            UUID messageId, String body, List<UUID> mentionedUserIds,
                            boolean roomMentioned) implements TimelineEvent {

    public MessageEdited {
        mentionedUserIds = mentionedUserIds == null ? null : List.copyOf(mentionedUserIds);
    }

    /** An edit whose mentions were not resolved: the message keeps those it had. */
    public MessageEdited(UUID conversationId, long seq, Instant occurredAt, UUID actorId, UUID messageId,
                         String body) {
        this(conversationId, seq, occurredAt, actorId, messageId, body, null, false);
    }

    /** Whether the edit says whom the message mentions now (false for an edit from before edits were parsed). */
    public boolean mentionsResolved() {
        return mentionedUserIds != null;
    }
}
