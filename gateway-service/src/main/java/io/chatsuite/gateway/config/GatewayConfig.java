package io.chatsuite.gateway.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotEmpty;
import java.net.URI;
import java.time.Duration;
import java.util.List;

/** gateway-service settings, validated at start. */
@ConfigMapping(prefix = "gateway")
public interface GatewayConfig {

    /** Origins allowed to open a WebSocket; anything else is refused (cross-site WebSocket hijacking). */
    @NotEmpty
    List<String> allowedOrigins();

    /** Where the gateway forwards {@code /api/...} so a browser needs one origin. */
    Routes routes();

    Limits limits();

    /** The web client's session cookie. */
    Web web();

    interface Web {

        /** Mark the session cookie Secure even on plain http here, as behind a TLS-terminating ingress. */
        @WithDefault("false")
        boolean secureCookie();

        /** How long the browser keeps the session cookie; auth-service decides how long the session is valid. */
        @WithDefault("P30D")
        java.time.Duration sessionCookieMaxAge();
    }

    Presence presence();

    /** The server's pings and the sweep that closes silent and expired sockets (SocketSweep). */
    Sockets sockets();

    interface Sockets {

        /** How often each socket is pinged; a socket that sent nothing and answered no ping for three is closed. */
        @WithDefault("PT20S")
        Duration pingInterval();

        /** How often the sweep runs: also how late, at most, a pass notices an expired token or a silent peer. */
        @WithDefault("PT1S")
        Duration sweepInterval();

        /** Per-message compression offered to clients (off: it costs each socket a compressor's memory). */
        @WithDefault("false")
        boolean compression();

        /** Sockets looked at per sweep tick at most; a node with more is walked over several ticks. */
        @WithDefault("5000")
        @Min(100)
        int sweepBatch();
    }

    /** When this node counts as behind (commands answered {@code unavailable}) or stalled (NodeBacklog). */
    Backlog backlog();

    interface Backlog {

        /** Commands handed to Kafka and not yet acknowledged by it, above which the node is behind. */
        @WithDefault("500")
        @Min(1)
        int maxPendingSends();

        /** How late the node's probe may run on a worker thread before the node counts as stalled. */
        @WithDefault("PT0.5S")
        Duration maxLag();
    }

    interface Presence {

        /** How often this node tells presence-service it is alive (one record per beat, whatever its sockets). */
        @WithDefault("PT5S")
        Duration heartbeatInterval();

        /** How often this node lists all its sockets, so presence-service can rebuild or repair its state. */
        @WithDefault("PT60S")
        Duration snapshotInterval();

        /** Sockets per snapshot record, keeping each record far below Kafka's size limit. */
        @WithDefault("2000")
        @Min(1)
        int snapshotChunk();
    }

    interface Routes {

        @WithDefault("http://localhost:8081")
        URI auth();

        @WithDefault("http://localhost:8082")
        URI chat();

        @WithDefault("http://localhost:8083")
        URI history();

        @WithDefault("http://localhost:8084")
        URI presence();
    }

    interface Limits {

        /** The largest frame answered with an error rather than taken (the protocol's 64 KiB). */
        @WithDefault("65536")
        @Min(1024)
        int frameBytes();

        /**
         * The largest frame or message a socket may send at all: above it the socket is closed with 1009 (message too
         * big). Also Vert.x's own limits (application.properties), which this gateway meets first.
         */
        @WithDefault("262144")
        @Min(65536)
        int closeBytes();

        /** The longest message body, in characters. */
        @WithDefault("4000")
        @Min(1)
        int bodyLength();

        /** Commands per second a user may send, sustained, across their sockets on this node. */
        @WithDefault("20")
        @Min(1)
        int commandsPerSecond();

        /** Commands a user may send in a burst above the sustained rate. */
        @WithDefault("40")
        @Min(1)
        int commandBurst();

        /** Refused commands within ten seconds after which the socket is closed as abusive. */
        @WithDefault("100")
        @Min(1)
        int abuseThreshold();

        /** Frames queued for one socket before it counts as not reading and is closed. */
        @WithDefault("1024")
        @Min(16)
        int outboundQueue();
    }
}
