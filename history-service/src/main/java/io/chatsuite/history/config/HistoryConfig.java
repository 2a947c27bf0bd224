package io.chatsuite.history.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

/** history-service settings, validated at start. */
@ConfigMapping(prefix = "history")
public interface HistoryConfig {

    Pages pages();

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
}
