package io.chatsuite.gateway.session;

import io.chatsuite.gateway.config.GatewayConfig;
import io.quarkus.runtime.StartupEvent;
import io.vertx.mutiny.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Clock;
import java.util.Collections;
import java.util.Iterator;

/**
 * One periodic pass over the node's sockets instead of timers per socket: each socket is pinged every ping interval,
 * closed with 1001 when its peer sent nothing and answered no ping for three intervals (a dead network path never
 * sends a close), and closed with 4002 once its token has expired. A tick looks at no more than the batch; the pass
 * goes on where the last tick stopped, so the work per tick stays bounded whatever the number of sockets.
 */
@ApplicationScoped
public class SocketSweep {

    private final LocalSessions sessions;
    private final Vertx vertx;
    private final Clock clock;
    private final GatewayConfig.Sockets config;
    /** Where the pass stands; only the timer's thread touches it (a periodic timer runs on one context). */
    private Iterator<SocketSession> cursor = Collections.emptyIterator();

    public SocketSweep(LocalSessions sessions, Vertx vertx, Clock clock, GatewayConfig config) {
        this.sessions = sessions;
        this.vertx = vertx;
        this.clock = clock;
        this.config = config.sockets();
    }

    void start(@Observes StartupEvent startup) {
        vertx.setPeriodic(config.sweepInterval().toMillis(), timer -> tick(clock.millis()));
    }

    /** Looks at up to a batch of sockets, resuming the pass; a finished pass starts again at the next tick. */
    void tick(long nowMillis) {
        long interval = config.pingInterval().toMillis();
        for (int seen = 0; seen < config.sweepBatch(); seen++) {
            if (!cursor.hasNext()) {
                // A new pass starts at the next tick, so a small node is not walked twice in one.
                cursor = sessions.live().iterator();
                return;
            }
            SocketSession socket = cursor.next();
            if (nowMillis >= socket.expiresAtMillis()) {
                socket.close(CloseCodes.TOKEN_EXPIRED, "token expired");
            } else if (socket.lastHeardMillis() < nowMillis - 3 * interval) {
                socket.close(CloseCodes.GOING_AWAY, "no answer to pings");
            } else {
                socket.pingIfDue(nowMillis, interval);
            }
        }
    }
}
