package io.chatsuite.auth.repository;

import io.chatsuite.auth.model.LoginSession;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

@ApplicationScoped
public class LoginSessionRepository implements PanacheRepositoryBase<LoginSession, UUID> {

    /** The user's sessions that are neither revoked nor expired, the most recently used first. */
    public Uni<List<LoginSession>> liveOf(UUID userId, Instant now) {
        return list("userId = ?1 and revokedAt is null and expiresAt > ?2 order by lastUsedAt desc", userId, now);
    }

    /** The user's sessions not revoked yet (expired ones included: their access tokens may still be alive). */
    public Uni<List<LoginSession>> unrevokedOf(UUID userId) {
        return list("userId = ?1 and revokedAt is null", userId);
    }
}
