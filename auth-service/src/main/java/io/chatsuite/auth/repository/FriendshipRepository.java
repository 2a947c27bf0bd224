package io.chatsuite.auth.repository;

import io.chatsuite.auth.model.Friendship;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

@ApplicationScoped
public class FriendshipRepository implements PanacheRepositoryBase<Friendship, Friendship.Key> {

    public Uni<List<Friendship>> friendsOf(UUID userId) {
        return list("userId = ?1 order by since desc", userId);
    }

    /** Stores the friendship in both directions. */
    public Uni<Void> befriend(UUID one, UUID other, Instant since) {
        return persist(new Friendship(one, other, since), new Friendship(other, one, since));
    }

    /** Ends the friendship in both directions. */
    public Uni<Void> deleteBetween(UUID one, UUID other) {
        return deleteById(new Friendship.Key(one, other))
                .flatMap(deleted -> deleteById(new Friendship.Key(other, one)))
                .replaceWithVoid();
    }
}
