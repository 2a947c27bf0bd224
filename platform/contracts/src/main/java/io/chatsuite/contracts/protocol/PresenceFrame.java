package io.chatsuite.contracts.protocol;

import io.chatsuite.contracts.presence.PresenceStatus;
import java.time.Instant;
import java.util.UUID;

/**
 * A friend or someone sharing a conversation changed status. {@code lastSeenAt} is null while online; when away,
 * the time the last device went idle; when offline, the time the last socket went.
 */
public record PresenceFrame(UUID userId, PresenceStatus status, Instant lastSeenAt) implements ServerFrame {
}
