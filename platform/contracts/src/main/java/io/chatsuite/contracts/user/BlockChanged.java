package io.chatsuite.contracts.user;

import java.time.Instant;
import java.util.UUID;

/** {@link #userId()} blocked or unblocked {@link #blockedUserId()}. */
public record BlockChanged(UUID userId, UUID blockedUserId, boolean blocked, Instant occurredAt)
        implements UserEvent {
}
