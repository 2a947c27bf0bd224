package io.chatsuite.auth.api;

import io.chatsuite.contracts.user.FriendshipChanged.FriendshipState;
import java.util.UUID;

/** Where the caller stands with another user after a friendship change. */
public record FriendshipStatus(UUID userId, FriendshipState state) {
}
