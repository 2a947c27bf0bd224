package io.chatsuite.contracts.user;

import java.time.Instant;
import java.util.UUID;

/** A new account. */
public record UserRegistered(UUID userId, String username, String displayName, Instant occurredAt)
        implements UserEvent {
}
