package io.chatsuite.auth.service;

import io.chatsuite.auth.config.AuthConfig;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

/**
 * Takes outbox rows to the {@code user.events} topic in id order and deletes them only after Kafka acknowledged
 * them: at least once, never lost. If Kafka is down the rows wait and the next round sends them again.
 *
 * <p>One relay runs at a time across all replicas (a transaction-scoped advisory lock), which keeps each user's
 * events in order. It runs when a change commits on this replica, and every poll interval for the rest. It uses the
 * SQL client directly because it runs outside any request's Hibernate session and needs the lock.
 */
@ApplicationScoped
public class UserEventRelay {

    private static final Logger LOG = Logger.getLogger(UserEventRelay.class);
    /** The advisory lock that elects the one relay; any constant unique within the auth database. */
    private static final long RELAY_LOCK = 0x75736572L;

    private final Pool pool;
    private final MutinyEmitter<String> emitter;
    private final int batchSize;
    private final Duration pollInterval;
    private final AtomicBoolean running = new AtomicBoolean();
    private final AtomicBoolean requested = new AtomicBoolean();
    private volatile Runnable stopPolling = () -> { };

    public UserEventRelay(Pool pool, @Channel("user-events") MutinyEmitter<String> emitter, AuthConfig config) {
        this.pool = pool;
        this.emitter = emitter;
        this.batchSize = config.outbox().batchSize();
        this.pollInterval = config.outbox().pollInterval();
    }

    /**
     * Starts polling once the application has started: messaging wires the emitter during startup, and a scheduler
     * trigger could fire before that.
     */
    void onStart(@Observes StartupEvent event, Vertx vertx) {
        long timer = vertx.setPeriodic(pollInterval.toMillis(), tick -> relaySoon());
        stopPolling = () -> vertx.cancelTimer(timer);
        relaySoon();
    }

    void onStop(@Observes ShutdownEvent event) {
        stopPolling.run();
    }

    /** Relays what is pending now, unless a round is running (it then runs once more when done). */
    public void relaySoon() {
        requested.set(true);
        if (running.compareAndSet(false, true)) {
            nextRound();
        }
    }

    private void nextRound() {
        requested.set(false);
        relayBatch().subscribe().with(this::roundDone, failure -> {
            LOG.warnf("Relaying user.events failed; will retry: %s", failure.getMessage());
            roundDone(0);
        });
    }

    private void roundDone(int sent) {
        if (sent == batchSize || requested.get()) {
            nextRound();
            return;
        }
        running.set(false);
        // A request that arrived between the check above and the reset must not wait for the next poll.
        if (requested.get() && running.compareAndSet(false, true)) {
            nextRound();
        }
    }

    /** One transaction: take the lock, send a batch, wait for every ack, delete the batch. Returns how many went. */
    Uni<Integer> relayBatch() {
        return pool.withTransaction(connection -> connection
                .preparedQuery("SELECT pg_try_advisory_xact_lock($1)").execute(Tuple.of(RELAY_LOCK))
                .flatMap(locked -> locked.iterator().next().getBoolean(0)
                        ? sendPending(connection)
                        : Uni.createFrom().item(0)));
    }

    private Uni<Integer> sendPending(SqlConnection connection) {
        return connection.preparedQuery("SELECT id, event_key, payload FROM outbox_events ORDER BY id LIMIT $1")
                .execute(Tuple.of(batchSize))
                .flatMap(rows -> {
                    List<Long> ids = new ArrayList<>();
                    List<Uni<Void>> acks = new ArrayList<>();
                    for (Row row : rows) {
                        ids.add(row.getLong("id"));
                        acks.add(send(row.getString("event_key"), row.getString("payload")));
                    }
                    if (ids.isEmpty()) {
                        return Uni.createFrom().item(0);
                    }
                    return Uni.join().all(acks).andFailFast()
                            .flatMap(acked -> connection.preparedQuery("DELETE FROM outbox_events WHERE id = ANY($1)")
                                    .execute(Tuple.of(ids.toArray(Long[]::new))))
                            .replaceWith(ids.size());
                });
    }

    private Uni<Void> send(String key, String payload) {
        return emitter.sendMessage(Message.of(payload)
                .addMetadata(OutgoingKafkaRecordMetadata.<String>builder().withKey(key).build()));
    }
}
