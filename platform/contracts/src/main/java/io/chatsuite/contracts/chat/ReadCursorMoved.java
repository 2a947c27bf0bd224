package io.chatsuite.contracts.chat;

import java.time.Instant;
import java.util.UUID;

/**
 * {@code actorId} has read up to and including {@code seq}. Not a timeline event: it takes no new seq. Cursors move
 * forward, except when {@code markedUnread}: the reader moved theirs back on purpose ({@link MarkUnread}), and
 * {@code seq} is then where it is now, lower than before.
 */
public record ReadCursorMoved(UUID conversationId, long seq, Instant occurredAt, UUID actorId, boolean markedUnread)
        implements ChatEvent {

    /** A cursor moved forward by reading. */
    public ReadCursorMoved(UUID conversationId, long seq, Instant occurredAt, UUID actorId) {
        this(conversationId, seq, occurredAt, actorId, false);
    }
}
