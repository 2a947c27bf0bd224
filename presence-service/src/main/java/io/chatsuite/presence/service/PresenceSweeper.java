package io.chatsuite.presence.service;

import io.chatsuite.presence.config.PresenceConfig;
import io.chatsuite.presence.repository.PresenceStore;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jboss.logging.Logger;

/**
 * Every sweep interval: drops the sockets of nodes that stopped heartbeating (their users go offline), publishes
 * the offlines whose flap grace passed, and stops typing that was not renewed. Every replica sweeps; the scripts
 * make each change happen once.
 */
@ApplicationScoped
public class PresenceSweeper {

    private static final Logger LOG = Logger.getLogger(PresenceSweeper.class);

    private final PresenceStore store;
    private final FrameFanout fanout;
    private final SignalLiveness liveness;
    private final PresenceConfig config;
    private final Vertx vertx;
    private final Clock clock;
    private final AtomicBoolean running = new AtomicBoolean();

    public PresenceSweeper(PresenceStore store, FrameFanout fanout, SignalLiveness liveness, PresenceConfig config,
                           Vertx vertx, Clock clock) {
        this.store = store;
        this.fanout = fanout;
        this.liveness = liveness;
        this.config = config;
        this.vertx = vertx;
        this.clock = clock;
    }

    void start(@Observes StartupEvent startup) {
        vertx.setPeriodic(config.sweepInterval().toMillis(), timer -> sweep());
    }

    void sweep() {
        // A slow Redis must not pile sweeps on top of each other.
        if (!running.compareAndSet(false, true)) {
            return;
        }
        Instant now = clock.instant();
        deadNodes(now)
                .chain(() -> store.leavingDue(now).flatMap(fanout::presence))
                .chain(() -> store.typingExpired(now).flatMap(fanout::typing))
                .subscribe().with(done -> running.set(false), failure -> {
                    running.set(false);
                    LOG.warnf("presence sweep failed: %s", failure.getMessage());
                });
    }

    private Uni<Void> deadNodes(Instant now) {
        if (!liveness.maySweepDeadNodes()) {
            return Uni.createFrom().voidItem();
        }
        return store.nodesDeadBy(now).flatMap(nodes -> Multi.createFrom().iterable(nodes)
                .onItem().transformToUniAndConcatenate(node -> {
                    LOG.infof("gateway node %s sent no heartbeat in time: dropping its sockets", node);
                    return store.dropDeadNode(node, now).flatMap(fanout::presence);
                })
                .collect().last().replaceWithVoid());
    }
}
