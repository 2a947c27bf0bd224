package io.chatsuite.presence.service;

import io.chatsuite.contracts.presence.PresenceStatus;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** A user's status as others now see it, and who may see it. */
public record PresenceChange(UUID userId, PresenceStatus status, Instant lastSeenAt, List<UUID> audience) {
}
