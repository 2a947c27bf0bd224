package io.chatsuite.auth.repository;

import io.chatsuite.auth.model.FriendRequest;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.UUID;

@ApplicationScoped
public class FriendRequestRepository implements PanacheRepositoryBase<FriendRequest, FriendRequest.Key> {

    /** Deletes the pending request from requester to addressee; false if there was none. */
    public Uni<Boolean> deleteRequest(UUID requesterId, UUID addresseeId) {
        return deleteById(new FriendRequest.Key(requesterId, addresseeId));
    }

    public Uni<List<FriendRequest>> incoming(UUID userId) {
        return list("addresseeId = ?1 order by createdAt desc", userId);
    }

    public Uni<List<FriendRequest>> outgoing(UUID userId) {
        return list("requesterId = ?1 order by createdAt desc", userId);
    }

    /** Deletes the pending requests in both directions. */
    public Uni<Void> deleteBetween(UUID one, UUID other) {
        return deleteRequest(one, other).flatMap(deleted -> deleteRequest(other, one)).replaceWithVoid();
    }
}
