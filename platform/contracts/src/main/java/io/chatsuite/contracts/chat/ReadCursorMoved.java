package io.chatsuite.contracts.chat;

import java.time.Instant;
import java.util.UUID;

/** {@code actorId} has read up to and including {@code seq}. Not a timeline event: it takes no new seq. */
public record ReadCursorMoved(UUID conversationId, long seq, Instant occurredAt, UUID actorId)
        implements ChatEvent {
}
