package io.chatsuite.gateway.command;

import io.chatsuite.gateway.config.GatewayConfig;
import io.chatsuite.gateway.session.LocalSessions;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A token bucket per user on this node: a sustained rate plus a burst. Refusals are counted per ten seconds; past
 * the abuse threshold the caller closes the socket.
 */
@ApplicationScoped
public class CommandRateLimiter {

    private static final long ABUSE_WINDOW_MILLIS = 10_000;

    public enum Verdict { ALLOWED, REFUSED, ABUSIVE }

    private final Map<UUID, Bucket> buckets = new ConcurrentHashMap<>();
    private final GatewayConfig config;
    private final Clock clock;

    public CommandRateLimiter(GatewayConfig config, Clock clock, LocalSessions sessions) {
        this.config = config;
        this.clock = clock;
        sessions.onLastSocketGone(buckets::remove);
    }

    public Verdict take(UUID userId) {
        Bucket bucket = buckets.computeIfAbsent(userId, id -> new Bucket(config.limits().commandBurst(),
                clock.millis()));
        synchronized (bucket) {
            return bucket.take(clock.millis(), config.limits());
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

        Verdict take(long now, GatewayConfig.Limits limits) {
            tokens = Math.min(limits.commandBurst(),
                    tokens + (now - refilledAt) * limits.commandsPerSecond() / 1000.0);
            refilledAt = now;
            if (tokens >= 1) {
                tokens -= 1;
                return Verdict.ALLOWED;
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
