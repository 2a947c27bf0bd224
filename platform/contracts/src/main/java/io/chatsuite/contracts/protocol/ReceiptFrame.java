package io.chatsuite.contracts.protocol;

import java.time.Instant;
import java.util.UUID;

/** {@code userId} has read {@code conversationId} up to {@code seq} (sent to other members and the reader's devices). */
public record ReceiptFrame(UUID conversationId, UUID userId, long seq, Instant at) implements ServerFrame {
}
