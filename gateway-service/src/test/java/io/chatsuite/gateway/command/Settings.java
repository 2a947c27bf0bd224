package io.chatsuite.gateway.command;

import io.chatsuite.gateway.config.GatewayConfig;
import java.time.Duration;

/** The limiter's and the backlog's settings as plain values for unit tests (records: the mappings are interfaces). */
final class Settings {

    private Settings() {
    }

    static GatewayConfig.Limits limits(int perSecond, int burst, int abuseThreshold) {
        return new Limits(65536, 4000, perSecond, burst, abuseThreshold, 1024, 262144);
    }

    static GatewayConfig.Backlog backlog(int maxPendingSends, Duration maxLag) {
        return new Backlog(maxPendingSends, maxLag);
    }

    record Limits(int frameBytes, int bodyLength, int commandsPerSecond, int commandBurst, int abuseThreshold,
                  int outboundQueue, int closeBytes) implements GatewayConfig.Limits {
    }

    record Backlog(int maxPendingSends, Duration maxLag) implements GatewayConfig.Backlog {
    }
}
