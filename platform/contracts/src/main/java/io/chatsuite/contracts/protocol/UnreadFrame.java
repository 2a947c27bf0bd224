package io.chatsuite.contracts.protocol;

import java.time.Instant;
import java.util.UUID;

/**
 * My read cursor in {@code conversationId} was moved back to {@code seq} ("mark as unread", on this device or
 * another of mine), leaving {@code unreadCount} messages from others unread. Sent to the reader's sockets only.
 */
public record UnreadFrame(UUID conversationId, long seq, long unreadCount, Instant at) implements ServerFrame {
}
