package io.chatsuite.presence.api;

import io.chatsuite.contracts.presence.PresenceStatus;
import java.time.Instant;
import java.util.UUID;

/** A user's presence as the caller may see it; {@code lastSeenAt} is null while online or never seen. */
public record UserPresence(UUID userId, PresenceStatus status, Instant lastSeenAt) {
}
