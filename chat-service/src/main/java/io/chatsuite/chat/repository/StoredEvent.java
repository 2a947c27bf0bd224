package io.chatsuite.chat.repository;

import java.util.UUID;

/** A timeline event as stored (its JSON payload), which is also exactly what goes to Kafka and to the members. */
public record StoredEvent(UUID conversationId, long seq, String payload) {
}
