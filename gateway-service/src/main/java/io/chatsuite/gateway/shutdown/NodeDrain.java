package io.chatsuite.gateway.shutdown;

import io.chatsuite.gateway.session.CloseCodes;
import io.chatsuite.gateway.session.LocalSessions;
import io.chatsuite.gateway.session.SocketSession;
import io.quarkus.runtime.ShutdownDelayInitiatedEvent;
import io.vertx.mutiny.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * Lets a stopping node go gracefully. On SIGTERM Quarkus fires {@link ShutdownDelayInitiatedEvent} before anything
 * stops (quarkus.shutdown.delay-enabled): from then on the node reports not ready and refuses upgrades, and its
 * sockets are closed with 1001 in batches spread over the drain window, so their clients reconnect to other nodes
 * a few at a time and resume from history. Kafka, Redis and HTTP keep working meanwhile: a socket not yet closed
 * is served normally. The shutdown continues (and the process exits) once the last batch is closed.
 */
@ApplicationScoped
public class NodeDrain {

    private static final Logger LOG = Logger.getLogger(NodeDrain.class);
    private static final long GRACE_MILLIS = 5_000;

    private final LocalSessions sessions;
    private final Vertx vertx;
    private final DrainConfig config;
    private volatile boolean draining;

    public NodeDrain(LocalSessions sessions, Vertx vertx, DrainConfig config) {
        this.sessions = sessions;
        this.vertx = vertx;
        this.config = config;
    }

    public boolean isDraining() {
        return draining;
    }

    /** Runs on the shutdown thread and blocks it until the sockets are closed: that is the point. */
    void onShutdownRequested(@Observes ShutdownDelayInitiatedEvent event) {
        drain();
    }

    public void drain() {
        draining = true;
        List<SocketSession> open = sessions.snapshot();
        DrainSchedule schedule = DrainSchedule.plan(open.size(), config.window(), config.minInterval());
        LOG.infof("draining: closing %d sockets in %d batches, %d ms apart", open.size(), schedule.batches(),
                schedule.intervalMillis());
        CountDownLatch closed = new CountDownLatch(1);
        closeBatch(open, schedule, 0, closed);
        try {
            if (!closed.await(config.window().toMillis() + GRACE_MILLIS, TimeUnit.MILLISECONDS)) {
                LOG.warn("draining took longer than the window; stopping anyway");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void closeBatch(List<SocketSession> open, DrainSchedule schedule, int batch, CountDownLatch closed) {
        int from = Math.min(open.size(), batch * schedule.batchSize());
        int to = Math.min(open.size(), from + schedule.batchSize());
        open.subList(from, to).forEach(NodeDrain::goingAway);
        if (batch + 1 >= schedule.batches()) {
            // A socket that slipped in while the drain began goes with the last batch.
            sessions.snapshot().forEach(NodeDrain::goingAway);
            LOG.info("drained: every socket is closed");
            closed.countDown();
            return;
        }
        vertx.setTimer(schedule.intervalMillis(), timer -> closeBatch(open, schedule, batch + 1, closed));
    }

    private static void goingAway(SocketSession socket) {
        socket.close(CloseCodes.GOING_AWAY, "node shutting down; reconnect");
    }
}
