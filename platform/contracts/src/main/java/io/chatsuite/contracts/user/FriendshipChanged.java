package io.chatsuite.contracts.user;

import java.time.Instant;
import java.util.UUID;

/**
 * The new state between two users, as seen from {@link #userId()} (the one who acted). Published once, keyed by the
 * actor; consumers update both users.
 */
public record FriendshipChanged(UUID userId, UUID otherUserId, FriendshipState state, Instant occurredAt)
        implements UserEvent {

    public enum FriendshipState {
        /** userId asked otherUserId to be friends. */
        REQUESTED,
        /** Both are friends. */
        FRIENDS,
        /** Nothing between them: declined, cancelled, removed, or ended by a block. */
        NONE
    }
}
