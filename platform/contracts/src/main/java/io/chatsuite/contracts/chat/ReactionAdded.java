package io.chatsuite.contracts.chat;

import java.time.Instant;
import java.util.UUID;

/** {@code actorId} reacted to the message with {@code emoji}; a timeline event, so resume replays it. */
public record ReactionAdded(UUID conversationId, long seq, Instant occurredAt, UUID actorId, UUID messageId,
                            String emoji) implements TimelineEvent {
}
