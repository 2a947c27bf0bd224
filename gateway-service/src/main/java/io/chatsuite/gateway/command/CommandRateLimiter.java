package io.chatsuite.gateway.command;

import io.chatsuite.gateway.config.GatewayConfig;
import io.chatsuite.gateway.session.LocalSessions;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A token bucket per user on this node: a sustained rate plus a burst. Refusals are counted per ten seconds; past
 * the abuse threshold the caller closes the socket.
 *
 * <p>A client is judged by its own rate only. While Kafka is not keeping up with this node ({@link NodeBacklog}
 * behind), every frame is answered {@link Verdict#BEHIND} (retry later) without taking a token or counting a refusal.
 * After the node stalled, frames reach this limiter late and in bunches, so their spacing says nothing about the
 * client: for one abuse window after the node was last stalled, a client over its rate is still held to it (its
 * bucket decides what goes on) but answered BEHIND, not counted toward closing it.
 */
@ApplicationScoped
public class CommandRateLimiter {

    private static final long ABUSE_WINDOW_MILLIS = 10_000;

    public enum Verdict { ALLOWED, REFUSED, ABUSIVE, BEHIND }

    private final Map<UUID, Bucket> buckets = new ConcurrentHashMap<>();
    private final GatewayConfig.Limits limits;
    private final Clock clock;
    private final NodeBacklog backlog;

    @Inject
    public CommandRateLimiter(GatewayConfig config, Clock clock, LocalSessions sessions, NodeBacklog backlog) {
        this(config.limits(), clock, backlog);
        sessions.onLastSocketGone(buckets::remove);
    }

    CommandRateLimiter(GatewayConfig.Limits limits, Clock clock, NodeBacklog backlog) {
        this.limits = limits;
        this.clock = clock;
        this.backlog = backlog;
    }

    public Verdict take(UUID userId) {
        if (backlog.isBehind()) {
            return Verdict.BEHIND;
        }
        Bucket bucket = buckets.computeIfAbsent(userId, id -> new Bucket(limits.commandBurst(), clock.millis()));
        boolean recentlyStalled = backlog.stalledWithin(ABUSE_WINDOW_MILLIS);
        synchronized (bucket) {
            return bucket.take(clock.millis(), limits, recentlyStalled);
        }
    }

    private static final class Bucket {

        private double tokens;
        private long refilledAt;
        private long windowStart;
        private int refusals;

        Bucket(int tokens, long now) {
            this.tokens = tokens;
            this.refilledAt = now;
            this.windowStart = now;
        }

        Verdict take(long now, GatewayConfig.Limits limits, boolean recentlyStalled) {
            tokens = Math.min(limits.commandBurst(),
                    tokens + (now - refilledAt) * limits.commandsPerSecond() / 1000.0);
            refilledAt = now;
            if (tokens >= 1) {
                tokens -= 1;
                return Verdict.ALLOWED;
            }
            if (recentlyStalled) {
                return Verdict.BEHIND;
            }
            if (now - windowStart > ABUSE_WINDOW_MILLIS) {
                windowStart = now;
                refusals = 0;
            }
            refusals++;
            return refusals > limits.abuseThreshold() ? Verdict.ABUSIVE : Verdict.REFUSED;
        }
    }
}
