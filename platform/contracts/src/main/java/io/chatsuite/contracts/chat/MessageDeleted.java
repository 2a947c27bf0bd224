package io.chatsuite.contracts.chat;

import java.time.Instant;
import java.util.UUID;

/** A message deleted by {@code actorId}: it keeps its place and seq; its body and attachments are gone. */
public record MessageDeleted(UUID conversationId, long seq, Instant occurredAt, UUID actorId, UUID messageId)
        implements TimelineEvent {
}
