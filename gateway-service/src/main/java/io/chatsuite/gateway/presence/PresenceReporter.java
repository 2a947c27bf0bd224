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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import org.jboss.logging.Logger;

/**
 * Tells presence-service what this node holds: each socket opened and closed, idle changes, a heartbeat per beat
 * (one record, not one per socket) and now and then a snapshot of every socket. All go keyed by this node's id, so
 * they are read in the order sent.
 *
 * <p>A snapshot must agree with the signals sent before it (presence-service replaces the node's sockets with it),
 * yet listing 20,000 sockets must not hold up socket opens. So the list is read without a lock while the signals
 * sent meanwhile are noted; only folding those notes in and handing the records to the producer excludes other
 * signals, briefly (a write lock; single signals share the read lock, so they never wait for each other).
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
    private final ReadWriteLock sending = new ReentrantReadWriteLock();
    /** The sockets whose signals went out while a snapshot was being listed; null when none is. */
    private volatile Queue<SocketSession> touchedDuringSnapshot;

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
        send(session, new IdleChanged(nodeId, session.id(), session.userId(), idle, clock.instant()));
    }

    private void opened(SocketSession session) {
        send(session, new SocketOpened(nodeId, session.id(), session.userId(), session.sessionId(), clock.instant()));
    }

    private void closed(SocketSession session) {
        send(session, new SocketClosed(nodeId, session.id(), session.userId(), clock.instant()));
    }

    private void heartbeat() {
        hand(new NodeHeartbeat(nodeId, config.heartbeatInterval().toMillis(), sessions.size(), clock.instant()));
    }

    private void snapshot() {
        Queue<SocketSession> touched = new ConcurrentLinkedQueue<>();
        touchedDuringSnapshot = touched;
        Map<String, NodeSnapshot.Socket> listed = new LinkedHashMap<>();
        sessions.live().forEach(socket -> listed.put(socket.id(), entry(socket)));
        UUID snapshotId = UUID.randomUUID();
        int chunk = config.snapshotChunk();
        Lock exclusive = sending.writeLock();
        exclusive.lock();
        try {
            touchedDuringSnapshot = null;
            // What changed while listing is read again now; from here no signal goes out until the snapshot has.
            for (SocketSession socket : touched) {
                if (sessions.isOpen(socket.id())) {
                    listed.put(socket.id(), entry(socket));
                } else {
                    listed.remove(socket.id());
                }
            }
            List<NodeSnapshot.Socket> sockets = new ArrayList<>(listed.values());
            int parts = Math.max(1, (sockets.size() + chunk - 1) / chunk);
            for (int part = 0; part < parts; part++) {
                hand(new NodeSnapshot(nodeId, snapshotId, part + 1, parts,
                        sockets.subList(part * chunk, Math.min(sockets.size(), (part + 1) * chunk)), clock.instant()));
            }
        } finally {
            exclusive.unlock();
        }
    }

    private static NodeSnapshot.Socket entry(SocketSession socket) {
        return new NodeSnapshot.Socket(socket.id(), socket.userId(), socket.sessionId(), socket.idle());
    }

    /** Hands a socket's signal to the producer now, so records leave in the order of the changes. */
    private void send(SocketSession socket, NodeSignal signal) {
        Lock shared = sending.readLock();
        shared.lock();
        try {
            hand(signal);
            Queue<SocketSession> touched = touchedDuringSnapshot;
            if (touched != null) {
                touched.add(socket);
            }
        } finally {
            shared.unlock();
        }
    }

    private void hand(NodeSignal signal) {
        forwarder.signal(signal).subscribe().with(done -> { },
                failure -> LOG.debugf("presence signal not sent: %s", failure.getMessage()));
    }
}
