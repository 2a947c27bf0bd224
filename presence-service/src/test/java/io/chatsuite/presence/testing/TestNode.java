package io.chatsuite.presence.testing;

import io.chatsuite.contracts.presence.IdleChanged;
import io.chatsuite.contracts.presence.NodeHeartbeat;
import io.chatsuite.contracts.presence.NodeSnapshot;
import io.chatsuite.contracts.presence.NodeStopped;
import io.chatsuite.contracts.presence.SocketClosed;
import io.chatsuite.contracts.presence.SocketOpened;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/** A gateway node as presence-service sees it: its signals on Kafka, and a heartbeat while it lives. */
public final class TestNode implements AutoCloseable {

    public static final Duration BEAT = Duration.ofSeconds(1);

    private final UUID id = UUID.randomUUID();
    private final TestSignals signals;
    private final ScheduledExecutorService beats = Executors.newSingleThreadScheduledExecutor();

    private TestNode(TestSignals signals) {
        this.signals = signals;
    }

    /** A node that heartbeats every second from now on. */
    public static TestNode start(TestSignals signals) {
        TestNode node = new TestNode(signals);
        node.beats.scheduleAtFixedRate(() -> signals.signal(
                        new NodeHeartbeat(node.id, BEAT.toMillis(), 0, Instant.now())),
                0, BEAT.toMillis(), TimeUnit.MILLISECONDS);
        return node;
    }

    public UUID id() {
        return id;
    }

    /** Opens a socket for the user and returns its id. */
    public String open(UUID user) {
        String socket = UUID.randomUUID().toString();
        signals.signal(new SocketOpened(id, socket, user, UUID.randomUUID(), Instant.now()));
        return socket;
    }

    public void close(UUID user, String socket) {
        signals.signal(new SocketClosed(id, socket, user, Instant.now()));
    }

    public void idle(UUID user, String socket, boolean idle) {
        signals.signal(new IdleChanged(id, socket, user, idle, Instant.now()));
    }

    public void snapshot(List<NodeSnapshot.Socket> sockets) {
        signals.signal(new NodeSnapshot(id, UUID.randomUUID(), 1, 1, sockets, Instant.now()));
    }

    public void stopCleanly() {
        beats.shutdownNow();
        signals.signal(new NodeStopped(id, Instant.now()));
    }

    /** What SIGKILL does: the node says nothing more. */
    public void die() {
        beats.shutdownNow();
    }

    @Override
    public void close() {
        beats.shutdownNow();
    }
}
