package io.chatsuite.presence.service;

import io.chatsuite.contracts.presence.IdleChanged;
import io.chatsuite.contracts.presence.NodeHeartbeat;
import io.chatsuite.contracts.presence.NodeSnapshot;
import io.chatsuite.contracts.presence.NodeStopped;
import io.chatsuite.contracts.presence.PresenceSignal;
import io.chatsuite.contracts.presence.SocketClosed;
import io.chatsuite.contracts.presence.SocketOpened;
import io.chatsuite.contracts.presence.TypingSignal;
import io.chatsuite.presence.config.PresenceConfig;
import io.chatsuite.presence.repository.PresenceStore;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/** Applies the gateways' signals to the presence state and tells the people concerned what changed. */
@ApplicationScoped
public class PresenceSignals {

    // Until a node's first heartbeat says its beat, assume the gateways' default.
    private static final Duration DEFAULT_BEAT = Duration.ofSeconds(5);

    private final PresenceStore store;
    private final FrameFanout fanout;
    private final SignalLiveness liveness;
    private final PresenceConfig config;
    private final Clock clock;

    public PresenceSignals(PresenceStore store, FrameFanout fanout, SignalLiveness liveness, PresenceConfig config,
                           Clock clock) {
        this.store = store;
        this.fanout = fanout;
        this.liveness = liveness;
        this.config = config;
        this.clock = clock;
    }

    public Uni<Void> apply(PresenceSignal signal) {
        if (signal instanceof SocketOpened opened) {
            return store.socketOpened(opened.nodeId(), opened.socketId(), opened.userId(), opened.occurredAt(),
                    liveWindow(DEFAULT_BEAT)).flatMap(fanout::presence);
        }
        if (signal instanceof SocketClosed closed) {
            return store.socketClosed(closed.nodeId(), closed.socketId(), closed.userId(), closed.occurredAt(),
                    config.flapGrace()).flatMap(fanout::presence);
        }
        if (signal instanceof IdleChanged idle) {
            return store.idleChanged(idle.nodeId(), idle.socketId(), idle.userId(), idle.idle(), idle.occurredAt())
                    .flatMap(fanout::presence);
        }
        if (signal instanceof NodeHeartbeat heartbeat) {
            Duration beat = Duration.ofMillis(Math.max(1, heartbeat.intervalMillis()));
            liveness.heartbeatRead(heartbeat.occurredAt(), beat);
            return store.heartbeat(heartbeat.nodeId(), heartbeat.occurredAt().plus(liveWindow(beat)));
        }
        if (signal instanceof NodeSnapshot snapshot) {
            return store.snapshot(snapshot, config.flapGrace(), liveWindow(DEFAULT_BEAT)).flatMap(fanout::presence);
        }
        if (signal instanceof NodeStopped stopped) {
            return store.nodeStopped(stopped.nodeId(), stopped.occurredAt(), config.flapGrace())
                    .flatMap(fanout::presence);
        }
        TypingSignal typing = (TypingSignal) signal;
        return store.typing(typing.conversationId(), typing.userId(), typing.typing(), now(), config.typingExpiry(),
                config.typingThrottle()).flatMap(fanout::typing);
    }

    /**
     * How long after a heartbeat the node still counts as alive: the timeout less one beat, so that a node that dies
     * just after beating is declared dead within the timeout of its death.
     */
    private Duration liveWindow(Duration beat) {
        Duration window = config.nodeTimeout().minus(beat);
        return window.isNegative() || window.isZero() ? config.nodeTimeout() : window;
    }

    private Instant now() {
        return clock.instant();
    }
}
