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
 * Whether this node is behind on its own work, measured two ways: commands handed to Kafka and not yet acknowledged
 * by it (above a bound, the broker or the network is not keeping up), and the lag of a probe that every 100 ms goes
 * through a timer on the event loop and then the worker pool, where client frames are handled (above a bound, the
 * machine is saturated: frames queue and reach the rate limiter in bunches the client never sent). While behind,
 * and for a while after, commands are answered {@code unavailable} and nothing counts against the client.
 */
@ApplicationScoped
public class NodeBacklog {

    static final long PROBE_INTERVAL_MILLIS = 100;

    private final GatewayConfig.Backlog limits;
    private final Clock clock;
    private final AtomicInteger pendingSends = new AtomicInteger();
    private volatile long behindUntil;
    // 0 until the probe first reports: a node whose probe never ran is not judged by it.
    private volatile long probedAt;
    private volatile long lastLag;
    private volatile long lastBehindAt;
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

    public boolean isBehind() {
        long now = clock.millis();
        long lastProbe = probedAt;
        boolean behind = pendingSends.get() > limits.maxPendingSends()
                || now < behindUntil
                // The probe itself is overdue: the node is stalled right now, before the probe can say so.
                || lastProbe != 0 && now - lastProbe > PROBE_INTERVAL_MILLIS + limits.maxLag().toMillis();
        if (behind) {
            lastBehindAt = now;
        }
        return behind;
    }

    /** Whether the node was behind at any time in the last {@code millis}: frames read since may still be bunched. */
    public boolean wasBehindWithin(long millis) {
        return isBehind() || lastBehindAt != 0 && clock.millis() - lastBehindAt <= millis;
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
            behindUntil = now + limits.cooldown().toMillis();
            lastBehindAt = now;
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
