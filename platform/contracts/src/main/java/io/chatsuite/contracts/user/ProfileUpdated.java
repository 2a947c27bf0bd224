package io.chatsuite.contracts.user;

import java.time.Instant;
import java.util.UUID;

/** A profile's new state, whole, so consumers need not merge. */
public record ProfileUpdated(UUID userId, String username, String displayName, Instant occurredAt)
        implements UserEvent {
}
