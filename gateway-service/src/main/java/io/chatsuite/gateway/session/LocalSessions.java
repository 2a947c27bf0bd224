package io.chatsuite.gateway.session;

import io.chatsuite.gateway.config.GatewayConfig;
import io.chatsuite.gateway.metrics.GatewayMetrics;
import io.vertx.core.http.ServerWebSocket;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * The sockets open on this node, as a set and by user (every device of a user gets every frame). A user's
 * sockets are a small array replaced as a whole inside the map's atomic update of that user's entry, so whether a
 * socket is the user's first or last is decided there, once, and the channel subscription follows from it.
 */
@ApplicationScoped
public class LocalSessions {

    private static final SocketSession[] NONE = new SocketSession[0];

    private final Set<SocketSession> open = ConcurrentHashMap.newKeySet();
    private final AtomicLong ids = new AtomicLong();
    private final Map<UUID, SocketSession[]> byUser = new ConcurrentHashMap<>();
    private final GatewayConfig config;
    private final GatewayMetrics metrics;
    private final List<Consumer<UUID>> lastSocketGone = new CopyOnWriteArrayList<>();
    private final List<Consumer<SocketSession>> opened = new CopyOnWriteArrayList<>();
    private final List<Consumer<SocketSession>> closed = new CopyOnWriteArrayList<>();

    public LocalSessions(GatewayConfig config, GatewayMetrics metrics) {
        this.config = config;
        this.metrics = metrics;
    }

    /** Registers the socket of a verified upgrade. */
    public SocketSession open(ServerWebSocket socket, VerifiedToken token, long nowMillis) {
        SocketSession session = new SocketSession(socket, ids.incrementAndGet(), token,
                config.limits().outboundQueue(), nowMillis, metrics.framesOut());
        open.add(session);
        byUser.merge(token.userId(), new SocketSession[] {session}, LocalSessions::joined);
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

    /** Forgets the socket, and tells the listeners if it was the user's last on this node. */
    public void close(SocketSession session) {
        if (!open.remove(session)) {
            return;
        }
        boolean[] last = {false};
        byUser.computeIfPresent(session.userId(), (user, sockets) -> {
            SocketSession[] rest = without(sockets, session);
            last[0] = rest.length == 0;
            return last[0] ? null : rest;
        });
        closed.forEach(listener -> listener.accept(session));
        if (last[0]) {
            lastSocketGone.forEach(listener -> listener.accept(session.userId()));
        }
    }

    /** How many sockets the user has on this node. */
    public int socketsOf(UUID userId) {
        return byUser.getOrDefault(userId, NONE).length;
    }

    /** The users with at least one socket here: the channels this node must hear. */
    public Set<UUID> users() {
        return Set.copyOf(byUser.keySet());
    }

    /** Writes the frame to every socket of the user on this node; answers how many sockets took it. */
    public int deliver(UUID userId, String frame) {
        return deliver(userId, null, frame);
    }

    /** Writes the frame to the user's sockets of one session, or to all of them when {@code sessionId} is null. */
    public int deliver(UUID userId, UUID sessionId, String frame) {
        SocketSession[] sockets = byUser.get(userId);
        if (sockets == null) {
            return 0;
        }
        metrics.delivering(frame);
        int took = 0;
        for (SocketSession socket : sockets) {
            if (sessionId != null && !socket.sessionId().equals(sessionId)) {
                continue;
            }
            if (socket.push(frame)) {
                took++;
            } else {
                // A socket that cannot take more is dropped at once: its queue must not grow while its close is pending.
                close(socket);
            }
        }
        return took;
    }

    /** Closes every socket of a revoked session on this node. */
    public void closeSession(UUID userId, UUID sessionId, int code, String reason) {
        for (SocketSession socket : byUser.getOrDefault(userId, NONE)) {
            if (socket.sessionId().equals(sessionId)) {
                socket.close(code, reason);
            }
        }
    }

    /** The sockets open now, read as they change (for the sweep and presence snapshots: no copy, no lock). */
    public Collection<SocketSession> live() {
        return open;
    }

    /** The sockets open now, in no particular order. */
    public List<SocketSession> snapshot() {
        return List.copyOf(open);
    }

    public int size() {
        return open.size();
    }

    private static SocketSession[] joined(SocketSession[] sockets, SocketSession[] added) {
        SocketSession[] all = Arrays.copyOf(sockets, sockets.length + added.length);
        System.arraycopy(added, 0, all, sockets.length, added.length);
        return all;
    }

    private static SocketSession[] without(SocketSession[] sockets, SocketSession gone) {
        int at = Arrays.asList(sockets).indexOf(gone);
        if (at < 0) {
            return sockets;
        }
        SocketSession[] rest = new SocketSession[sockets.length - 1];
        System.arraycopy(sockets, 0, rest, 0, at);
        System.arraycopy(sockets, at + 1, rest, at, sockets.length - at - 1);
        return rest;
    }
}
