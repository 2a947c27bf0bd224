package io.chatsuite.auth.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import jakarta.validation.constraints.NotBlank;
import java.time.Duration;

/** auth-service settings, validated at start so a bad value stops the service instead of weakening it. */
@ConfigMapping(prefix = "auth")
public interface AuthConfig {

    Tokens tokens();

    interface Tokens {

        /** The {@code iss} of every token; verifiers accept nothing else. */
        @NotBlank
        String issuer();

        /** The {@code aud} of every token; verifiers accept nothing else. */
        @NotBlank
        String audience();

        /** How long an access token lives; the design caps it at 15 minutes. */
        @WithDefault("PT15M")
        Duration accessLifetime();

        /** How long an unused refresh token stays valid. */
        @WithDefault("P30D")
        Duration refreshLifetime();
    }
}
