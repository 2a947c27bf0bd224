package io.chatsuite.gateway.health;

import io.chatsuite.gateway.delivery.UserChannelSubscriptions;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Not ready while the user-channel subscription connection to Redis is down: frames could not reach sockets. */
@Readiness
@ApplicationScoped
public class RedisSubscriptionHealth implements HealthCheck {

    private final UserChannelSubscriptions subscriptions;

    public RedisSubscriptionHealth(UserChannelSubscriptions subscriptions) {
        this.subscriptions = subscriptions;
    }

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("Redis user-channel subscriptions")
                .status(subscriptions.isConnected())
                .withData("reconnects", subscriptions.reconnects())
                .build();
    }
}
