package io.chatsuite.gateway.shutdown;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** How a gateway node lets go of its sockets when asked to stop (SIGTERM, a rolling update). */
@ConfigMapping(prefix = "gateway.drain")
public interface DrainConfig {

    /**
     * The time over which the node's sockets are closed with 1001, in batches, so their clients reconnect to other
     * nodes without a stampede. Keep it below the orchestrator's grace period (Kubernetes: terminationGracePeriodSeconds).
     */
    @WithDefault("10s")
    Duration window();

    /** The shortest pause between two batches: few sockets go one by one, many go in bigger batches. */
    @WithDefault("100ms")
    Duration minInterval();
}
