package io.chatsuite.contracts.chat;

import java.time.Instant;
import java.util.UUID;

/** A message's new body; the edit time is {@code occurredAt}. */
public record MessageEdited(UUID conversationId, long seq, Instant occurredAt, UUID actorId,
                            UUID messageId, String body) implements TimelineEvent {
}
