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
import io.chatsuite.gateway.config.GatewayNode;
import io.chatsuite.gateway.session.LocalSessions;
import io.chatsuite.gateway.session.SocketSession;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.vertx.core.Context;
import io.vertx.core.impl.VertxInternal;
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
 * they are read in the order sent.
 *
 * <p>A snapshot must agree with the signals sent before it (presence-service replaces the node's sockets with it),
 * yet listing 20,000 sockets must not hold up socket opens. So every signal and every snapshot is handed to the
 * producer from one ordered worker context, in the order asked for: a socket's open or close only queues its signal
 * there and goes on, never waiting for a lock or a snapshot. A snapshot lists the sockets when its turn comes, after
 * every signal queued before it was handed: a socket is registered before its open signal is queued and forgotten
 * before its close signal is, so whatever the listing sees, a signal handed before the snapshot is reflected in it,
 * and one handed after only repeats what the snapshot says or is newer.
 */
@ApplicationScoped
public class PresenceReporter {

    private static final Logger LOG = Logger.getLogger(PresenceReporter.class);

    private final UUID nodeId;
    private final LocalSessions sessions;
    private final CommandForwarder forwarder;
    private final GatewayConfig.Presence config;
    private final Vertx vertx;
    private final Clock clock;
    /** Signals and snapshots are handed from here, one at a time, in the order they were queued. */
    private final Context inOrder;

    public PresenceReporter(LocalSessions sessions, CommandForwarder forwarder, GatewayConfig config, Vertx vertx,
                            Clock clock, GatewayNode node) {
        this.nodeId = node.id();
        this.sessions = sessions;
        this.forwarder = forwarder;
        this.config = config.presence();
        this.vertx = vertx;
        this.clock = clock;
        // A worker context: its tasks run one at a time in the order queued, and a long snapshot holds no event loop.
        this.inOrder = ((VertxInternal) vertx.getDelegate()).createWorkerContext();
        sessions.onSocketOpened(this::opened);
        sessions.onSocketClosed(this::closed);
    }

    void start(@Observes StartupEvent startup) {
        LOG.infof("presence node id %s", nodeId);
        heartbeat();
        vertx.setPeriodic(config.heartbeatInterval().toMillis(), timer -> heartbeat());
        vertx.setPeriodic(config.snapshotInterval().toMillis(), timer -> inOrder(this::snapshot));
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

    /** Lists every socket and hands the list in chunks; runs in order with the signals (see the class comment). */
    void snapshot() {
        List<NodeSnapshot.Socket> sockets = new ArrayList<>(sessions.size());
        sessions.live().forEach(socket -> sockets.add(entry(socket)));
        UUID snapshotId = UUID.randomUUID();
        int chunk = config.snapshotChunk();
        int parts = Math.max(1, (sockets.size() + chunk - 1) / chunk);
        for (int part = 0; part < parts; part++) {
            hand(new NodeSnapshot(nodeId, snapshotId, part + 1, parts,
                    sockets.subList(part * chunk, Math.min(sockets.size(), (part + 1) * chunk)), clock.instant()));
        }
    }

    private static NodeSnapshot.Socket entry(SocketSession socket) {
        return new NodeSnapshot.Socket(socket.id(), socket.userId(), socket.sessionId(), socket.idle());
    }

    /** Queues a signal; it is handed to the producer after everything queued before it. Never waits. */
    private void send(NodeSignal signal) {
        inOrder(() -> hand(signal));
    }

    /** Runs the task after every signal and snapshot queued before it, and before any queued after it. */
    void inOrder(Runnable task) {
        inOrder.runOnContext(ignored -> task.run());
    }

    private void hand(NodeSignal signal) {
        forwarder.signal(signal).subscribe().with(done -> { },
                failure -> LOG.debugf("presence signal not sent: %s", failure.getMessage()));
    }
}
