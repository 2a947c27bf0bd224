package io.chatsuite.auth.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import java.nio.file.Path;
import java.time.Duration;
import org.hibernate.validator.constraints.time.DurationMax;
import org.hibernate.validator.constraints.time.DurationMin;

/** auth-service settings, validated at start so a bad value stops the service instead of weakening it. */
@ConfigMapping(prefix = "auth")
public interface AuthConfig {

    Tokens tokens();

    Keys keys();

    Throttle throttle();

    Outbox outbox();

    interface Tokens {

        /** The {@code iss} of every token; verifiers accept nothing else. */
        @NotBlank
        String issuer();

        /** The {@code aud} of every token; verifiers accept nothing else. */
        @NotBlank
        String audience();

        /** How long an access token lives; the design caps it at 15 minutes. */
        @WithDefault("PT15M")
        @DurationMin(seconds = 10)
        @DurationMax(minutes = 15)
        Duration accessLifetime();

        /** How long a session stays usable without a refresh; each refresh starts it again. */
        @WithDefault("P30D")
        @DurationMin(minutes = 1)
        Duration refreshLifetime();
    }

    interface Keys {

        /**
         * Where the signing keys live (PKCS#8 PEM files, {@code *.pem}). Every key here is published in the JWKS;
         * the one whose file name sorts last signs. Generated at first start when empty.
         */
        Path directory();

        /** How often the directory is read again, so that added and removed keys take effect without a restart. */
        @WithDefault("PT1M")
        Duration reloadInterval();
    }

    interface Throttle {

        /** Failed logins allowed per username, and per client address, within {@link #loginWindow()}. */
        @WithDefault("10")
        @Min(1)
        int loginFailures();

        @WithDefault("PT15M")
        @DurationMin(seconds = 1)
        Duration loginWindow();

        /** Registration attempts allowed per client address within {@link #registrationWindow()}. */
        @WithDefault("10")
        @Min(1)
        int registrations();

        @WithDefault("PT1H")
        @DurationMin(seconds = 1)
        Duration registrationWindow();
    }

    interface Outbox {

        /** How often the outbox is checked even if nothing woke the relay (another replica wrote, Kafka was down). */
        @WithDefault("2s")
        Duration pollInterval();

        /** Events sent to Kafka per relay transaction; at most the emitter's buffer. */
        @WithDefault("200")
        @Min(1)
        @Max(250)
        int batchSize();
    }
}
