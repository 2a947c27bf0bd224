package io.chatsuite.presence.service;

import io.chatsuite.presence.config.PresenceConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Whether this replica hears the gateways live, so that a node's silence means the node died and not that we are
 * behind. After a restart of presence-service, every node's deadline may have passed while nobody read the
 * heartbeats; declaring them dead then would show everyone offline. So dead nodes are swept only once fresh
 * heartbeats have been read for two beats (every live node has beaten since), or once this replica has run for a
 * whole node timeout (if no gateway beats at all, they are all gone).
 */
@ApplicationScoped
public class SignalLiveness {

    private final Clock clock;
    private final Duration nodeTimeout;
    private final Instant startedAt;
    private volatile Instant liveSince;
    private volatile Instant lastFresh;
    private volatile Duration beat = Duration.ofSeconds(5);

    public SignalLiveness(Clock clock, PresenceConfig config) {
        this.clock = clock;
        this.nodeTimeout = config.nodeTimeout();
        this.startedAt = clock.instant();
    }

    /** A heartbeat was read; it is fresh when it was sent within two of its beats. */
    public void heartbeatRead(Instant sentAt, Duration interval) {
        Instant now = clock.instant();
        beat = interval;
        if (sentAt.plus(interval.multipliedBy(2)).isBefore(now)) {
            return;
        }
        if (liveSince == null || lastFresh == null || lastFresh.plus(interval.multipliedBy(2)).isBefore(now)) {
            liveSince = now;
        }
        lastFresh = now;
    }

    public boolean maySweepDeadNodes() {
        Instant now = clock.instant();
        if (!startedAt.plus(nodeTimeout).isAfter(now)) {
            return true;
        }
        Instant since = liveSince;
        return since != null && !since.plus(beat.multipliedBy(2)).isAfter(now);
    }
}
