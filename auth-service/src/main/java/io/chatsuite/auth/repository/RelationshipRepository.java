package io.chatsuite.auth.repository;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.UUID;

/** Reads the whole relationship between two users in one round trip. */
@ApplicationScoped
public class RelationshipRepository {

    private static final String BETWEEN = """
            SELECT EXISTS (SELECT 1 FROM friend_requests WHERE requester_id = :me AND addressee_id = :other),
                   EXISTS (SELECT 1 FROM friend_requests WHERE requester_id = :other AND addressee_id = :me),
                   EXISTS (SELECT 1 FROM friendships WHERE user_id = :me AND friend_id = :other),
                   EXISTS (SELECT 1 FROM blocks WHERE blocker_id = :me AND blocked_id = :other),
                   EXISTS (SELECT 1 FROM blocks WHERE blocker_id = :other AND blocked_id = :me)""";

    public Uni<PairRelationship> between(UUID me, UUID other) {
        return Panache.getSession().flatMap(session -> session.createNativeQuery(BETWEEN, Object[].class)
                .setParameter("me", me)
                .setParameter("other", other)
                .getSingleResult()
                .map(row -> new PairRelationship((Boolean) row[0], (Boolean) row[1], (Boolean) row[2],
                        (Boolean) row[3], (Boolean) row[4])));
    }
}
