package io.chatsuite.auth.api;

import java.util.UUID;

/**
 * A user as every other user may see them. {@code avatarId}, when set, is served by chat-service at
 * {@code /api/avatars/{avatarId}}.
 */
public record UserView(UUID id, String username, String displayName, UUID avatarId) {
}
