package io.chatsuite.contracts.user;

import java.time.Instant;
import java.util.UUID;

/**
 * A profile's new state, whole, so consumers need not merge. {@code avatarId} names the profile picture, an upload
 * chat-service holds and serves at {@code /api/avatars/{avatarId}}; null means none (clients show initials).
 */
public record ProfileUpdated(UUID userId, String username, String displayName, UUID avatarId, Instant occurredAt)
        implements UserEvent {
}
