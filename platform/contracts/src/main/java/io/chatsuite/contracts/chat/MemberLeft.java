package io.chatsuite.contracts.chat;

import java.time.Instant;
import java.util.UUID;

/** A user left ({@code actorId} equals {@code userId}) or was removed by {@code actorId}. */
public record MemberLeft(UUID conversationId, long seq, Instant occurredAt, UUID actorId, UUID userId)
        implements TimelineEvent {
}
