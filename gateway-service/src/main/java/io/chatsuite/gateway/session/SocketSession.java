package io.chatsuite.gateway.session;

import io.micrometer.core.instrument.Counter;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.ServerWebSocket;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicIntegerFieldUpdater;

/**
 * One open socket of an authenticated user, with its bounded outbound queue: frames not yet written to the network
 * are counted, and a socket whose client stops reading is closed instead of holding memory and slowing the node.
 * Kept small (a node holds about 20,000): plain fields, no timers; {@link SocketSweep} pings, and closes silent and
 * expired sockets, for all of them. The id is a number unique on this node (presence names sockets per node).
 */
public final class SocketSession {

    private static final AtomicIntegerFieldUpdater<SocketSession> QUEUED =
            AtomicIntegerFieldUpdater.newUpdater(SocketSession.class, "queued");
    private static final byte[] PING = {'p', 'i', 'n', 'g'};

    private final ServerWebSocket socket;
    private final long id;
    private final UUID userId;
    private final UUID sessionId;
    private final long expiresAtMillis;
    private final int queueLimit;
    private final Counter framesOut;
    private volatile int queued;
    private volatile long lastHeardMillis;
    /** Written and read by the sweep only. */
    private long lastPingMillis;
    private volatile boolean idle;

    SocketSession(ServerWebSocket socket, long id, VerifiedToken token, int queueLimit, long nowMillis,
                  Counter framesOut) {
        this.socket = socket;
        this.id = id;
        this.userId = token.userId();
        this.sessionId = token.sessionId();
        this.expiresAtMillis = token.expiresAtMillis();
        this.queueLimit = queueLimit;
        this.framesOut = framesOut;
        this.lastHeardMillis = nowMillis;
        this.lastPingMillis = nowMillis;
    }

    /**
     * Queues a frame. Returns false when the queue is full: the caller must drop this socket, which is then being
     * closed with {@link CloseCodes#TOO_SLOW}.
     */
    public boolean push(String frame) {
        if (socket.isClosed()) {
            return true;
        }
        if (QUEUED.incrementAndGet(this) > queueLimit) {
            QUEUED.decrementAndGet(this);
            close(CloseCodes.TOO_SLOW, "not reading fast enough");
            return false;
        }
        framesOut.increment();
        socket.writeTextMessage(frame, written -> QUEUED.decrementAndGet(this));
        return true;
    }

    public void close(int code, String reason) {
        if (!socket.isClosed()) {
            socket.close((short) code, reason);
        }
    }

    /** The client showed it is alive: a frame or a pong. */
    public void heard(long nowMillis) {
        lastHeardMillis = nowMillis;
    }

    /** The device said it had no input for a while (true) or is in use again (false). */
    public void idle(boolean idle) {
        this.idle = idle;
    }

    public boolean idle() {
        return idle;
    }

    public long lastHeardMillis() {
        return lastHeardMillis;
    }

    public long expiresAtMillis() {
        return expiresAtMillis;
    }

    /** Pings the client if its last ping is at least an interval old; the sweep's thread only. */
    void pingIfDue(long nowMillis, long intervalMillis) {
        if (nowMillis - lastPingMillis >= intervalMillis && !socket.isClosed()) {
            lastPingMillis = nowMillis;
            socket.writePing(Buffer.buffer(PING));
        }
    }

    public String id() {
        return Long.toString(id);
    }

    /** What the socket still holds of its upgrade request's headers (emptied once it is open). */
    public MultiMap upgradeHeaders() {
        return socket.headers();
    }

    public UUID userId() {
        return userId;
    }

    public UUID sessionId() {
        return sessionId;
    }
}
