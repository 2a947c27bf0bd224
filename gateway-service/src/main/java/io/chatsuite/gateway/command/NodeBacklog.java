package io.chatsuite.gateway.command;

import io.chatsuite.gateway.config.GatewayConfig;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Clock;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Two questions about this node's own work. <b>Behind</b>: more commands handed to Kafka and not yet acknowledged by
 * it than the bound, so the broker or the network is not keeping up; every command is answered {@code unavailable}
 * until it does. <b>Stalled</b>: a probe that every 100 ms goes through a timer on the event loop and then the worker
 * pool, where client frames are handled, ran late, so frames queued and reach the rate limiter in bunches the client
 * never sent. A stall alone refuses nothing: the commands still go on, only a client's spacing no longer tells
 * whether it exceeds its rate (see {@link CommandRateLimiter}). Refusing every command on a stall, as this node once
 * did, turned a saturated machine's jitter into thousands of refusals that Kafka had room for.
 */
@ApplicationScoped
public class NodeBacklog {

    static final long PROBE_INTERVAL_MILLIS = 100;

    private final GatewayConfig.Backlog limits;
    private final Clock clock;
    private final AtomicInteger pendingSends = new AtomicInteger();
    // 0 until the probe first reports: a node whose probe never ran is not judged by it.
    private volatile long probedAt;
    private volatile long lastLag;
    private volatile long lastStalledAt;
    private volatile boolean stopping;

    @Inject
    public NodeBacklog(GatewayConfig config, Clock clock) {
        this(config.backlog(), clock);
    }

    NodeBacklog(GatewayConfig.Backlog limits, Clock clock) {
        this.limits = limits;
        this.clock = clock;
    }

    void startProbe(@Observes StartupEvent startup, Vertx vertx) {
        probe(vertx);
    }

    void stopProbe(@Observes ShutdownEvent shutdown) {
        stopping = true;
    }

    /** Kafka is not keeping up with this node's commands: answer them {@code unavailable} instead of queueing. */
    public boolean isBehind() {
        return pendingSends.get() > limits.maxPendingSends();
    }

    /**
     * Whether the node was behind or stalled at any time in the last {@code millis}: frames read since may have
     * queued meanwhile and arrive bunched.
     */
    public boolean stalledWithin(long millis) {
        long now = clock.millis();
        long lastProbe = probedAt;
        // An overdue probe: the node is stalled right now, before the probe can say so.
        if (isBehind() || lastProbe != 0 && now - lastProbe > PROBE_INTERVAL_MILLIS + limits.maxLag().toMillis()) {
            lastStalledAt = now;
            return true;
        }
        return lastStalledAt != 0 && now - lastStalledAt <= millis;
    }

    /** A command was handed to Kafka; {@link #sendSettled} follows when Kafka answered (or the send failed). */
    public void sendStarted() {
        pendingSends.incrementAndGet();
    }

    public void sendSettled() {
        pendingSends.decrementAndGet();
    }

    public int pendingSends() {
        return pendingSends.get();
    }

    /** The probe's last measured lag, in milliseconds, for the operators' dashboards. */
    public long lagMillis() {
        return lastLag;
    }

    /** What one probe measured: how much later than due it ran on a worker thread. */
    void lagObserved(long lagMillis) {
        long now = clock.millis();
        lastLag = lagMillis;
        probedAt = now;
        if (lagMillis > limits.maxLag().toMillis()) {
            lastStalledAt = now;
        }
    }

    private void probe(Vertx vertx) {
        if (stopping) {
            return;
        }
        long due = clock.millis() + PROBE_INTERVAL_MILLIS;
        vertx.setTimer(PROBE_INTERVAL_MILLIS, timer -> vertx.<Void>executeBlocking(() -> {
            lagObserved(Math.max(0, clock.millis() - due));
            return null;
        }, false).onComplete(done -> probe(vertx)));
    }
}
