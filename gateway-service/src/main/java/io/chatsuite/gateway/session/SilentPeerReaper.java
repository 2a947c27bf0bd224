package io.chatsuite.gateway.session;

import io.quarkus.runtime.StartupEvent;
import io.vertx.mutiny.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Clock;
import java.time.Duration;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The server pings every socket; a peer that neither answers nor sends anything for three ping intervals is gone
 * (a dead network path never sends a close), so its socket is closed and its resources freed.
 */
@ApplicationScoped
public class SilentPeerReaper {

    private final LocalSessions sessions;
    private final Vertx vertx;
    private final Clock clock;
    private final Duration pingInterval;

    public SilentPeerReaper(LocalSessions sessions, Vertx vertx, Clock clock,
                            @ConfigProperty(name = "quarkus.websockets-next.server.auto-ping-interval")
                            Duration pingInterval) {
        this.sessions = sessions;
        this.vertx = vertx;
        this.clock = clock;
        this.pingInterval = pingInterval;
    }

    void start(@Observes StartupEvent startup) {
        vertx.setPeriodic(pingInterval.toMillis(),
                timer -> sessions.closeSilentSince(clock.millis() - 3 * pingInterval.toMillis()));
    }
}
