package io.chatsuite.contracts.chat;

import java.time.Instant;
import java.util.UUID;

/** A user joined, or was added by {@code actorId}, or had their role changed. */
public record MemberJoined(UUID conversationId, long seq, Instant occurredAt, UUID actorId,
                           UUID userId, MemberRole role) implements TimelineEvent {
}
