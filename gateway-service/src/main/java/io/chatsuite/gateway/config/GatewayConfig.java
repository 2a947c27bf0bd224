package io.chatsuite.gateway.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import jakarta.validation.constraints.NotEmpty;
import java.net.URI;
import java.util.List;

/** gateway-service settings, validated at start. */
@ConfigMapping(prefix = "gateway")
public interface GatewayConfig {

    /** Origins allowed to open a WebSocket; anything else is refused (cross-site WebSocket hijacking). */
    @NotEmpty
    List<String> allowedOrigins();

    /** Where the gateway forwards {@code /api/...} so a browser needs one origin. */
    Routes routes();

    interface Routes {

        @WithDefault("http://localhost:8081")
        URI auth();

        @WithDefault("http://localhost:8082")
        URI chat();

        @WithDefault("http://localhost:8083")
        URI history();

        @WithDefault("http://localhost:8084")
        URI presence();
    }
}
