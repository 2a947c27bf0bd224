package io.chatsuite.gateway.health;

import io.chatsuite.gateway.shutdown.NodeDrain;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Not ready once the node drains: load balancers stop sending it new clients while its sockets move away. */
@Readiness
@ApplicationScoped
public class DrainReadiness implements HealthCheck {

    private final NodeDrain drain;

    public DrainReadiness(NodeDrain drain) {
        this.drain = drain;
    }

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("accepting sockets").status(!drain.isDraining()).build();
    }
}
