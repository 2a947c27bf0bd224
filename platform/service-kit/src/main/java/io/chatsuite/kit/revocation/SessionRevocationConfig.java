package io.chatsuite.kit.revocation;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** How long a revoked session is remembered, and where revocations come from. */
@ConfigMapping(prefix = "session-revocations")
public interface SessionRevocationConfig {

    /**
     * How long an access token lives (auth-service's {@code auth.tokens.access-lifetime}): a revocation is
     * remembered this long, since no token of that session issued before it can outlive it. Also how far back
     * user.events is read at start.
     */
    @WithDefault("PT15M")
    Duration tokenLifetime();

    /** How far the verifiers' clocks may disagree with auth-service's; added to the token lifetime. */
    @WithDefault("PT1M")
    Duration clockSkew();

    /** The topic auth-service publishes {@code user.session-revoked} on. */
    @WithDefault("user.events")
    String topic();

    /** How long one poll of the topic waits for records; also how often expired entries are dropped. */
    @WithDefault("PT0.2S")
    Duration pollTimeout();
}
