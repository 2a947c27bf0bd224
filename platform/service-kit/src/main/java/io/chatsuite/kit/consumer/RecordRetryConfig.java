package io.chatsuite.kit.consumer;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** How a Kafka consumer retries a record that failed (docs/operations.md, Dead letters). */
@ConfigMapping(prefix = "chatsuite.consumer")
public interface RecordRetryConfig {

    /**
     * How often a record that failed for its own content (a data error) is tried again before it goes to the
     * dead-letter topic. Failures of the infrastructure are retried without limit.
     */
    @WithDefault("3")
    int dataErrorRetries();

    /** The first pause before a retry; it doubles at each try. */
    @WithDefault("PT0.2S")
    Duration firstBackOff();

    /** The longest pause between two tries while a store is away. */
    @WithDefault("PT10S")
    Duration maxBackOff();
}
