package io.chatsuite.history.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.time.Duration;

/** history-service settings, validated at start. */
@ConfigMapping(prefix = "history")
public interface HistoryConfig {

    Pages pages();

    Consumer consumer();

    interface Pages {

        /** Items in a page (messages, events, search hits) when the client does not say. */
        @WithDefault("50")
        @Min(1)
        @Max(200)
        int defaultSize();

        /** The largest page a client may ask for. */
        @WithDefault("200")
        @Min(1)
        @Max(1000)
        int maxSize();
    }

    interface Consumer {

        /**
         * How often storing one event is retried (with growing back-off) before its channel fails. A failed channel
         * stops consuming and reports DOWN, so the event is retried after a restart and never skipped.
         */
        @WithDefault("8")
        @Min(1)
        int retries();

        /** The first back-off; it doubles up to ten times this. */
        @WithDefault("PT0.5S")
        Duration firstBackOff();
    }
}
