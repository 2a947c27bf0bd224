package io.chatsuite.history.listener;

import io.chatsuite.history.config.HistoryConfig;
import io.quarkus.runtime.ShutdownEvent;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Duration;
import org.jboss.logging.Logger;

/**
 * Retries storing a record while the database is briefly away. When the retries run out the failure nacks the
 * record, and the channel's failure strategy ("fail") stops it: the offset stays uncommitted, so the record is read
 * again after a restart instead of being skipped.
 */
@ApplicationScoped
class StoreRetry {

    private static final Logger LOG = Logger.getLogger(StoreRetry.class);

    private final int retries;
    private final Duration firstBackOff;
    private volatile boolean stopping;

    @Inject
    StoreRetry(HistoryConfig config) {
        this(config.consumer().retries(), config.consumer().firstBackOff());
    }

    StoreRetry(int retries, Duration firstBackOff) {
        this.retries = retries;
        this.firstBackOff = firstBackOff;
    }

    /** Shutting down closes the pool: retrying then would only hold the shutdown; the record is read again later. */
    void stop(@Observes ShutdownEvent shutdown) {
        stopping = true;
    }

    Uni<Void> store(Uni<Void> work, String what) {
        return work
                .onFailure().invoke(failure -> LOG.warnf("Storing %s failed (%s); retrying", what, failure.toString()))
                .onFailure(failure -> !stopping).retry()
                .withBackOff(firstBackOff, firstBackOff.multipliedBy(10)).atMost(retries);
    }
}
