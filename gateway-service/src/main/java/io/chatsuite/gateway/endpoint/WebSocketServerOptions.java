package io.chatsuite.gateway.endpoint;

import io.chatsuite.gateway.config.GatewayConfig;
import io.quarkus.vertx.http.HttpServerOptionsCustomizer;
import io.vertx.core.http.HttpServerOptions;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * What Vert.x's handshake answers and its codec enforces, set on the HTTP server the sockets share: the token
 * carrier as the only subprotocol, the hard cap (gateway.limits.close-bytes) as the largest frame and message
 * ({@link MessageSizeGuard} meets it first and closes with 1009), and per-message compression only if asked for.
 */
@ApplicationScoped
public class WebSocketServerOptions implements HttpServerOptionsCustomizer {

    private final GatewayConfig config;

    public WebSocketServerOptions(GatewayConfig config) {
        this.config = config;
    }

    @Override
    public void customizeHttpServer(HttpServerOptions options) {
        apply(options);
    }

    @Override
    public void customizeHttpsServer(HttpServerOptions options) {
        apply(options);
    }

    private void apply(HttpServerOptions options) {
        options.addWebSocketSubProtocol(UpgradeTokens.TOKEN_CARRIER)
                .setMaxWebSocketFrameSize(config.limits().closeBytes())
                .setMaxWebSocketMessageSize(config.limits().closeBytes())
                .setPerMessageWebSocketCompressionSupported(config.sockets().compression());
    }
}
