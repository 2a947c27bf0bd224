package io.chatsuite.gateway.session;

import io.chatsuite.gateway.config.GatewayConfig;
import io.chatsuite.gateway.metrics.GatewayMetrics;
import io.quarkus.websockets.next.WebSocketConnection;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/** The sockets open on this node, by connection and by user (every device of a user gets every frame). */
@ApplicationScoped
public class LocalSessions {

    private final Map<String, SocketSession> byConnection = new ConcurrentHashMap<>();
    private final Map<UUID, Set<SocketSession>> byUser = new ConcurrentHashMap<>();
    private final GatewayConfig config;
    private final GatewayMetrics metrics;
    private final List<Consumer<UUID>> lastSocketGone = new CopyOnWriteArrayList<>();
    private final List<Consumer<SocketSession>> opened = new CopyOnWriteArrayList<>();
    private final List<Consumer<SocketSession>> closed = new CopyOnWriteArrayList<>();

    public LocalSessions(GatewayConfig config, GatewayMetrics metrics) {
        this.config = config;
        this.metrics = metrics;
    }

    /** Registers the socket. */
    public SocketSession open(WebSocketConnection connection, UUID userId, UUID sessionId, long nowMillis) {
        SocketSession session = new SocketSession(connection, userId, sessionId, config.limits().outboundQueue(),
                nowMillis, metrics.framesOut());
        byConnection.put(connection.id(), session);
        // Inside compute, so a concurrent close of the user's other socket cannot drop the set under us.
        byUser.compute(userId, (user, sockets) -> {
            Set<SocketSession> set = sockets == null ? ConcurrentHashMap.newKeySet() : sockets;
            set.add(session);
            return set;
        });
        opened.forEach(listener -> listener.accept(session));
        return session;
    }

    /** Who to tell when a user's last socket on this node is gone (the channel subscription ends then). */
    public void onLastSocketGone(Consumer<UUID> listener) {
        lastSocketGone.add(listener);
    }

    /** Who to tell of every socket registered here and every socket gone (presence). */
    public void onSocketOpened(Consumer<SocketSession> listener) {
        opened.add(listener);
    }

    public void onSocketClosed(Consumer<SocketSession> listener) {
        closed.add(listener);
    }

    /** The sockets open now. */
    public List<SocketSession> all() {
        return List.copyOf(byConnection.values());
    }

    /** Forgets the socket, and tells the listener if it was the user's last on this node. */
    public void close(String connectionId) {
        SocketSession session = byConnection.remove(connectionId);
        if (session == null) {
            return;
        }
        session.cancelExpiry();
        boolean[] last = {false};
        byUser.computeIfPresent(session.userId(), (user, sockets) -> {
            sockets.remove(session);
            last[0] = sockets.isEmpty();
            return sockets.isEmpty() ? null : sockets;
        });
        closed.forEach(listener -> listener.accept(session));
        if (last[0]) {
            lastSocketGone.forEach(listener -> listener.accept(session.userId()));
        }
    }

    public Optional<SocketSession> get(String connectionId) {
        return Optional.ofNullable(byConnection.get(connectionId));
    }

    /** Writes the frame to every socket of the user on this node; answers how many sockets took it. */
    public int deliver(UUID userId, String frame) {
        return deliver(userId, null, frame);
    }

    /** Writes the frame to the user's sockets of one session, or to all of them when {@code sessionId} is null. */
    public int deliver(UUID userId, UUID sessionId, String frame) {
        Set<SocketSession> sockets = byUser.get(userId);
        if (sockets == null) {
            return 0;
        }
        metrics.delivering(frame);
        // A socket that cannot take more is dropped at once: its queue must not grow while its close is pending.
        List<SocketSession> all = sockets.stream()
                .filter(socket -> sessionId == null || socket.sessionId().equals(sessionId)).toList();
        List<SocketSession> stuck = all.stream().filter(socket -> !socket.push(frame)).toList();
        stuck.forEach(socket -> close(socket.id()));
        return all.size() - stuck.size();
    }

    /** Closes every socket of a revoked session on this node. */
    public void closeSession(UUID userId, UUID sessionId, int code, String reason) {
        Set<SocketSession> sockets = byUser.get(userId);
        if (sockets != null) {
            sockets.stream().filter(socket -> socket.sessionId().equals(sessionId))
                    .forEach(socket -> socket.close(code, reason));
        }
    }

    /** Closes the sockets that sent nothing and answered no ping since the cutoff: their peer is gone. */
    public void closeSilentSince(long cutoffMillis) {
        byConnection.values().stream().filter(socket -> socket.lastHeardMillis() < cutoffMillis)
                .forEach(socket -> socket.close(CloseCodes.GOING_AWAY, "no answer to pings"));
    }

    /** The sockets open now, in no particular order. */
    public List<SocketSession> snapshot() {
        return List.copyOf(byConnection.values());
    }

    public int size() {
        return byConnection.size();
    }
}
