package io.chatsuite.contracts.protocol;

import java.time.Instant;
import java.util.UUID;

/**
 * The command with client id {@code id} is durable: stored and on Kafka. For a send, {@code messageId} and
 * {@code seq} are the message's; a retry of the same id gets the same ack.
 */
public record AckFrame(String id, UUID conversationId, UUID messageId, long seq, Instant at) implements ServerFrame {
}
