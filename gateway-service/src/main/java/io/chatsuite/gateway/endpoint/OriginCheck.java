package io.chatsuite.gateway.endpoint;

import io.chatsuite.gateway.config.GatewayConfig;
import io.quarkus.websockets.next.HttpUpgradeCheck;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Refuses a WebSocket upgrade from a browser page of another origin (cross-site WebSocket hijacking): browsers always
 * send Origin, so one outside the allowlist gets 403. Non-browser clients send none and rely on their token alone.
 */
@ApplicationScoped
public class OriginCheck implements HttpUpgradeCheck {

    private final GatewayConfig config;

    public OriginCheck(GatewayConfig config) {
        this.config = config;
    }

    @Override
    public Uni<CheckResult> perform(HttpUpgradeContext context) {
        String origin = context.httpRequest().getHeader("Origin");
        if (origin == null || config.allowedOrigins().contains(origin)) {
            return CheckResult.permitUpgrade();
        }
        return CheckResult.rejectUpgrade(403);
    }
}
