package io.chatsuite.kit.revocation;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Not ready until the revocations of the last token lifetime are read: until then a revoked token could pass. */
@Readiness
@ApplicationScoped
public class SessionRevocationReadiness implements HealthCheck {

    public static final String NAME = "Session revocations replayed";

    private final SessionRevocationFeed feed;

    public SessionRevocationReadiness(SessionRevocationFeed feed) {
        this.feed = feed;
    }

    @Override
    public HealthCheckResponse call() {
        var response = HealthCheckResponse.named(NAME).status(feed.replayed());
        if (feed.replayFrom() != null) {
            response.withData("replayFrom", feed.replayFrom().toString());
        }
        return response.build();
    }
}
