package io.chatsuite.contracts.protocol;

import io.chatsuite.contracts.user.FriendshipChanged.FriendshipState;
import java.util.UUID;

/**
 * The state between two users changed (a request sent, accepted, declined, withdrawn, a friendship ended), sent to
 * both so an open friends list follows at once. As in {@code FriendshipChanged}, {@code userId} is the one who acted.
 * The fast path only: the friends list the REST API returns stays the truth, and a client reads it again on connect.
 */
public record FriendshipFrame(UUID userId, UUID otherUserId, FriendshipState state) implements ServerFrame {
}
