package io.chatsuite.gateway.session;

import io.micrometer.core.instrument.Counter;
import io.quarkus.websockets.next.CloseReason;
import io.quarkus.websockets.next.WebSocketConnection;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One open socket of an authenticated user, with its bounded outbound queue: frames not yet written to the network
 * are counted, and a socket whose client stops reading is closed instead of holding memory and slowing the node.
 */
public final class SocketSession {

    private final WebSocketConnection connection;
    private final UUID userId;
    private final UUID sessionId;
    private final int queueLimit;
    private final AtomicInteger queued = new AtomicInteger();
    private final Counter framesOut;
    private volatile long lastHeardMillis;
    private volatile boolean idle;
    private volatile long expiryTimer = -1;
    private volatile io.vertx.mutiny.core.Vertx vertx;

    SocketSession(WebSocketConnection connection, UUID userId, UUID sessionId, int queueLimit, long nowMillis,
                  Counter framesOut) {
        this.connection = connection;
        this.framesOut = framesOut;
        this.lastHeardMillis = nowMillis;
        this.userId = userId;
        this.sessionId = sessionId;
        this.queueLimit = queueLimit;
    }

    /**
     * Queues a frame. Returns false when the queue is full: the caller must drop this socket, which is then being
     * closed with {@link CloseCodes#TOO_SLOW}.
     */
    public boolean push(String frame) {
        if (!connection.isOpen()) {
            return true;
        }
        if (queued.incrementAndGet() > queueLimit) {
            queued.decrementAndGet();
            close(CloseCodes.TOO_SLOW, "not reading fast enough");
            return false;
        }
        framesOut.increment();
        connection.sendText(frame).subscribe().with(done -> queued.decrementAndGet(), failure -> queued.decrementAndGet());
        return true;
    }

    public void close(int code, String reason) {
        if (connection.isOpen()) {
            connection.close(new CloseReason(code, reason)).subscribe().with(done -> { }, failure -> { });
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

    /** The timer that closes the socket when its token expires; cancelled when the socket goes. */
    public void expiryTimer(io.vertx.mutiny.core.Vertx vertx, long timerId) {
        this.vertx = vertx;
        this.expiryTimer = timerId;
    }

    void cancelExpiry() {
        if (vertx != null) {
            vertx.cancelTimer(expiryTimer);
        }
    }

    public String id() {
        return connection.id();
    }

    public UUID userId() {
        return userId;
    }

    public UUID sessionId() {
        return sessionId;
    }
}
