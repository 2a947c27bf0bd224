package io.chatsuite.presence.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** presence-service settings, validated at start. */
@ConfigMapping(prefix = "presence")
public interface PresenceConfig {

    /** A gateway node silent for this long is declared dead and its sockets drop out (the design's 30 s bound). */
    @WithDefault("PT30S")
    Duration nodeTimeout();

    /** A typing indicator with no refresh expires after this. */
    @WithDefault("PT6S")
    Duration typingExpiry();

    /** A reconnect within this window produces no offline/online pair. */
    @WithDefault("PT5S")
    Duration flapGrace();
}
