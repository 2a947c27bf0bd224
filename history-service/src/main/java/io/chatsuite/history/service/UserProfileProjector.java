package io.chatsuite.history.service;

import io.chatsuite.contracts.user.ProfileUpdated;
import io.chatsuite.contracts.user.UserEvent;
import io.chatsuite.contracts.user.UserRegistered;
import io.chatsuite.history.repository.UserRepository;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/** Keeps the display names history shows beside messages; other user events are not history's business. */
@ApplicationScoped
public class UserProfileProjector {

    private final UserRepository users;

    public UserProfileProjector(UserRepository users) {
        this.users = users;
    }

    public Uni<Void> apply(UserEvent event) {
        if (event instanceof UserRegistered registered) {
            return users.save(registered.userId(), registered.username(), registered.displayName(),
                    registered.occurredAt());
        }
        if (event instanceof ProfileUpdated updated) {
            return users.save(updated.userId(), updated.username(), updated.displayName(), updated.occurredAt());
        }
        return Uni.createFrom().voidItem();
    }
}
