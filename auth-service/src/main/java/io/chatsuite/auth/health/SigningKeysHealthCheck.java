package io.chatsuite.auth.health;

import io.chatsuite.auth.service.SigningKeys;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Ready only with a key to sign with; reports which one signs and how many are published. */
@Readiness
@ApplicationScoped
public class SigningKeysHealthCheck implements HealthCheck {

    private final SigningKeys keys;

    public SigningKeysHealthCheck(SigningKeys keys) {
        this.keys = keys;
    }

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("Signing keys")
                .status(!keys.published().isEmpty())
                .withData("signing", keys.current().id())
                .withData("published", keys.published().size())
                .build();
    }
}
