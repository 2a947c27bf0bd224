package io.chatsuite.gateway.command;

import io.chatsuite.gateway.config.GatewayConfig;
import java.time.Duration;

/** The gateway's defaults for the limiter and the backlog, as plain objects for unit tests. */
final class Settings {

    private Settings() {
    }

    static GatewayConfig.Limits limits(int perSecond, int burst, int abuseThreshold) {
        return new GatewayConfig.Limits() {
            @Override
            public int frameBytes() {
                return 65536;
            }

            @Override
            public int bodyLength() {
                return 4000;
            }

            @Override
            public int commandsPerSecond() {
                return perSecond;
            }

            @Override
            public int commandBurst() {
                return burst;
            }

            @Override
            public int abuseThreshold() {
                return abuseThreshold;
            }

            @Override
            public int outboundQueue() {
                return 1024;
            }
        };
    }

    static GatewayConfig.Backlog backlog(int maxPendingSends, Duration maxLag, Duration cooldown) {
        return new GatewayConfig.Backlog() {
            @Override
            public int maxPendingSends() {
                return maxPendingSends;
            }

            @Override
            public Duration maxLag() {
                return maxLag;
            }

            @Override
            public Duration cooldown() {
                return cooldown;
            }
        };
    }
}
