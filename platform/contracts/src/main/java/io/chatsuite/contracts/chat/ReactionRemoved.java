package io.chatsuite.contracts.chat;

import java.time.Instant;
import java.util.UUID;

/** {@code actorId} took back their {@code emoji} reaction to the message. */
public record ReactionRemoved(UUID conversationId, long seq, Instant occurredAt, UUID actorId, UUID messageId,
                              String emoji) implements TimelineEvent {
}
