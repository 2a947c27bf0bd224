package io.chatsuite.auth.service;

import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/**
 * Deletes what no rule needs any more: throttle hits older than the longest window, and sessions (with their refresh
 * tokens) a day after they expired or were revoked; the day keeps a late refresh-token reuse recognisable.
 */
@ApplicationScoped
public class StaleRecordsCleanup {

    private static final Duration SESSION_GRACE = Duration.ofDays(1);

    private final Pool pool;
    private final Clock clock;
    private final Throttle throttle;

    public StaleRecordsCleanup(Pool pool, Clock clock, Throttle throttle) {
        this.pool = pool;
        this.clock = clock;
        this.throttle = throttle;
    }

    @Scheduled(every = "10m", delayed = "1m")
    public Uni<Void> run() {
        OffsetDateTime now = OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC);
        OffsetDateTime sessionCutoff = now.minus(SESSION_GRACE);
        return pool.preparedQuery("DELETE FROM throttle_hits WHERE hit_at < $1")
                .execute(Tuple.of(now.minus(throttle.retention())))
                .flatMap(ignored -> pool.preparedQuery(
                                "DELETE FROM sessions WHERE expires_at < $1 OR revoked_at < $1")
                        .execute(Tuple.of(sessionCutoff)))
                .replaceWithVoid();
    }
}
