package io.chatsuite.auth.repository;

import io.chatsuite.auth.model.ThrottleHit;
import io.quarkus.hibernate.reactive.panache.PanacheRepository;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;

@ApplicationScoped
public class ThrottleHitRepository implements PanacheRepository<ThrottleHit> {

    /** The time of the subject's n-th most recent hit after {@code since} (n from 1), or null if it has fewer. */
    public Uni<Instant> nthLatestHit(String bucket, String subject, Instant since, int n) {
        return find("bucket = ?1 and subject = ?2 and hitAt > ?3 order by hitAt desc", bucket, subject, since)
                .range(n - 1, n - 1)
                .firstResult()
                .map(hit -> hit == null ? null : hit.hitAt);
    }
}
