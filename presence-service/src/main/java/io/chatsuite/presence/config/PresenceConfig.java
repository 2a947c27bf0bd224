package io.chatsuite.presence.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** presence-service settings, validated at start. */
@ConfigMapping(prefix = "presence")
public interface PresenceConfig {

    /**
     * A gateway node dies at most this long before its users show offline (the design's 30 s bound): it is declared
     * dead when no heartbeat came for this long minus its heartbeat interval, checked every sweep.
     */
    @WithDefault("PT30S")
    Duration nodeTimeout();

    /** A typing indicator with no renewal stops after this (others get typing false). */
    @WithDefault("PT6S")
    Duration typingExpiry();

    /** At most one typing start per user and conversation is passed on per this window. */
    @WithDefault("PT2.5S")
    Duration typingThrottle();

    /** A reconnect within this window produces no offline/online pair. */
    @WithDefault("PT5S")
    Duration flapGrace();

    /** How often dead nodes, due offlines and expired typing are looked for. */
    @WithDefault("PT0.5S")
    Duration sweepInterval();
}
