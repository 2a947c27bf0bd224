package io.chatsuite.auth.repository;

import io.chatsuite.auth.model.RefreshToken;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;

@ApplicationScoped
public class RefreshTokenRepository implements PanacheRepositoryBase<RefreshToken, String> {

    /** Marks the token used if nobody has; false means it was already used (a reuse, or a concurrent refresh). */
    public Uni<Boolean> markUsed(String tokenHash, Instant now) {
        return update("usedAt = ?1 where tokenHash = ?2 and usedAt is null", now, tokenHash)
                .map(updated -> updated == 1);
    }
}
