package io.chatsuite.gateway.presence;

import io.chatsuite.contracts.presence.IdleChanged;
import io.chatsuite.contracts.presence.NodeHeartbeat;
import io.chatsuite.contracts.presence.NodeSignal;
import io.chatsuite.contracts.presence.NodeSnapshot;
import io.chatsuite.contracts.presence.NodeStopped;
import io.chatsuite.contracts.presence.SocketClosed;
import io.chatsuite.contracts.presence.SocketOpened;
import io.chatsuite.gateway.command.CommandForwarder;
import io.chatsuite.gateway.config.GatewayConfig;
import io.chatsuite.gateway.session.LocalSessions;
import io.chatsuite.gateway.session.SocketSession;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.vertx.mutiny.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * Tells presence-service what this node holds: each socket opened and closed, idle changes, a heartbeat per beat
 * (one record, not one per socket) and now and then a snapshot of every socket. All go keyed by this node's id, so
 * they are read in the order sent; sending under one lock keeps a snapshot consistent with the opens and closes
 * around it.
 */
@ApplicationScoped
public class PresenceReporter {

    private static final Logger LOG = Logger.getLogger(PresenceReporter.class);

    // A restarted process is a new node: the dead one's sockets expire with its heartbeats.
    private final UUID nodeId = UUID.randomUUID();
    private final LocalSessions sessions;
    private final CommandForwarder forwarder;
    private final GatewayConfig.Presence config;
    private final Vertx vertx;
    private final Clock clock;

    public PresenceReporter(LocalSessions sessions, CommandForwarder forwarder, GatewayConfig config, Vertx vertx,
                            Clock clock) {
        this.sessions = sessions;
        this.forwarder = forwarder;
        this.config = config.presence();
        this.vertx = vertx;
        this.clock = clock;
        sessions.onSocketOpened(this::opened);
        sessions.onSocketClosed(this::closed);
    }

    void start(@Observes StartupEvent startup) {
        LOG.infof("presence node id %s", nodeId);
        heartbeat();
        vertx.setPeriodic(config.heartbeatInterval().toMillis(), timer -> heartbeat());
        vertx.setPeriodic(config.snapshotInterval().toMillis(), timer -> snapshot());
    }

    void stop(@Observes ShutdownEvent shutdown) {
        try {
            forwarder.signal(new NodeStopped(nodeId, clock.instant())).await().atMost(Duration.ofSeconds(2));
        } catch (RuntimeException e) {
            // presence-service then finds the node dead by its missing heartbeats.
            LOG.warnf("could not announce this node's stop: %s", e.getMessage());
        }
    }

    public UUID nodeId() {
        return nodeId;
    }

    /** The device behind the socket went idle or is in use again. */
    public void idle(SocketSession session, boolean idle) {
        session.idle(idle);
        send(new IdleChanged(nodeId, session.id(), session.userId(), idle, clock.instant()));
    }

    private void opened(SocketSession session) {
        send(new SocketOpened(nodeId, session.id(), session.userId(), session.sessionId(), clock.instant()));
    }

    private void closed(SocketSession session) {
        send(new SocketClosed(nodeId, session.id(), session.userId(), clock.instant()));
    }

    private void heartbeat() {
        send(new NodeHeartbeat(nodeId, config.heartbeatInterval().toMillis(), sessions.size(), clock.instant()));
    }

    private synchronized void snapshot() {
        List<NodeSnapshot.Socket> sockets = sessions.all().stream()
                .map(s -> new NodeSnapshot.Socket(s.id(), s.userId(), s.sessionId(), s.idle())).toList();
        UUID snapshotId = UUID.randomUUID();
        int chunk = config.snapshotChunk();
        int parts = Math.max(1, (sockets.size() + chunk - 1) / chunk);
        List<NodeSignal> records = new ArrayList<>();
        for (int part = 0; part < parts; part++) {
            records.add(new NodeSnapshot(nodeId, snapshotId, part + 1, parts,
                    sockets.subList(part * chunk, Math.min(sockets.size(), (part + 1) * chunk)), clock.instant()));
        }
        records.forEach(this::send);
    }

    /** Hands the signal to the producer now, under the lock, so records leave in the order of the changes. */
    private synchronized void send(NodeSignal signal) {
        forwarder.signal(signal).subscribe().with(done -> { },
                failure -> LOG.debugf("presence signal not sent: %s", failure.getMessage()));
    }
}
