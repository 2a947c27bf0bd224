package io.chatsuite.contracts.protocol;

import java.util.UUID;

/**
 * A user's profile changed (display name or picture), sent to the user's own devices and to everyone who may see
 * them (friends and people sharing a conversation, no block between), so names and pictures follow at once. The fast
 * path only: profiles the REST API returns stay the truth, and member lists bring them again when read.
 */
public record ProfileFrame(UUID userId, String username, String displayName, UUID avatarId) implements ServerFrame {
}
