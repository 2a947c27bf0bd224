package io.chatsuite.auth.service;

import io.chatsuite.auth.api.UserPage;
import io.chatsuite.auth.api.UserView;
import io.chatsuite.auth.mapping.UserMapper;
import io.chatsuite.auth.model.UserAccount;
import io.chatsuite.auth.repository.UserRepository;
import io.chatsuite.contracts.user.ProfileUpdated;
import io.chatsuite.problem.ProblemException;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/** Profiles: reading them, searching them, and changing one's display name. */
@ApplicationScoped
public class ProfileService {

    private final UserRepository users;
    private final UserEvents events;
    private final Clock clock;

    public ProfileService(UserRepository users, UserEvents events, Clock clock) {
        this.users = users;
        this.events = events;
        this.clock = clock;
    }

    @WithSession
    public Uni<UserView> get(UUID userId) {
        return users.findById(userId).map(user -> UserMapper.toView(existing(user)));
    }

    /** Changes the display name and publishes the new profile; the same name again changes nothing. */
    public Uni<UserView> changeDisplayName(UUID userId, String requested) {
        String displayName = DisplayNames.normalize(requested);
        return events.inTransaction(() -> users.findById(userId).flatMap(found -> {
            UserAccount user = existing(found);
            if (user.displayName.equals(displayName)) {
                return Uni.createFrom().item(user);
            }
            user.displayName = displayName;
            user.updatedAt = clock.instant();
            return events.publish(new ProfileUpdated(user.id, user.username, user.displayName, user.avatarId,
                    user.updatedAt))
                    .replaceWith(user);
        })).map(UserMapper::toView);
    }

    /**
     * Sets (or, with null, removes) the profile picture and publishes the new profile; the same picture again changes
     * nothing. The id is only a name: chat-service serves it only while it is an avatar this user uploaded.
     */
    public Uni<UserView> changeAvatar(UUID userId, UUID avatarId) {
        return events.inTransaction(() -> users.findById(userId).flatMap(found -> {
            UserAccount user = existing(found);
            if (Objects.equals(user.avatarId, avatarId)) {
                return Uni.createFrom().item(user);
            }
            user.avatarId = avatarId;
            user.updatedAt = clock.instant();
            return events.publish(new ProfileUpdated(user.id, user.username, user.displayName, user.avatarId,
                    user.updatedAt)).replaceWith(user);
        })).map(UserMapper::toView);
    }

    /** One page of users whose username or display name starts with the query, ignoring case. */
    @WithSession
    public Uni<UserPage> search(String query, int page, int size) {
        // One more than asked tells whether another page follows.
        return users.searchByPrefix(query.strip(), page * size, size + 1).map(found -> {
            List<UserView> items = found.stream().limit(size).map(UserMapper::toView).toList();
            return new UserPage(items, page, size, found.size() > size);
        });
    }

    private static UserAccount existing(UserAccount user) {
        if (user == null) {
            throw ProblemException.notFound("No such user.");
        }
        return user;
    }
}
