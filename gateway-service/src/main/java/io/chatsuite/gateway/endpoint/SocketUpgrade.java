package io.chatsuite.gateway.endpoint;

import io.chatsuite.gateway.config.GatewayConfig;
import io.chatsuite.gateway.session.VerifiedToken;
import io.chatsuite.gateway.shutdown.NodeDrain;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.net.impl.ConnectionBase;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.List;

/**
 * Takes a WebSocket upgrade on {@code /ws} straight from Vert.x: a draining node refuses it (503: the client tries
 * again and lands elsewhere), a browser page of a foreign origin gets 403 (cross-site WebSocket hijacking; browsers
 * always send Origin, programs send none and rely on their token alone), a missing or bad token 401. What passes is
 * upgraded and handed to {@link ChatSocket} with only what its token proved. A plain Vert.x socket, with no framework
 * connection object beside it, is what lets a node hold the open-file limit of idle sockets in a small heap.
 */
@ApplicationScoped
public class SocketUpgrade {

    /** Vert.x's idle-timeout handler on every HTTP connection. */
    private static final String IDLE_TIMEOUT = "idle";

    /** After the HTTP security filters and {@link MessageSizeGuard} (negative orders), before anything else. */
    private static final int UPGRADE = 0;

    private final NodeDrain drain;
    private final List<String> allowedOrigins;
    private final UpgradeTokens tokens;
    private final ChatSocket socket;

    public SocketUpgrade(NodeDrain drain, GatewayConfig config, UpgradeTokens tokens, ChatSocket socket) {
        this.drain = drain;
        this.allowedOrigins = config.allowedOrigins();
        this.tokens = tokens;
        this.socket = socket;
    }

    void route(@Observes Router router) {
        router.route("/ws").order(UPGRADE).handler(this::upgrade);
    }

    private void upgrade(RoutingContext context) {
        HttpServerRequest request = context.request();
        if (!request.headers().contains(HttpHeaders.UPGRADE, HttpHeaders.WEBSOCKET, true)) {
            context.next();
            return;
        }
        if (drain.isDraining()) {
            refuse(request, 503);
            return;
        }
        String origin = request.getHeader(HttpHeaders.ORIGIN);
        if (origin != null && !allowedOrigins.contains(origin)) {
            refuse(request, 403);
            return;
        }
        tokens.verify(request).onComplete(verified -> {
            if (verified.failed() || verified.result() == null) {
                refuse(request, 401);
            } else {
                accept(request, verified.result());
            }
        });
    }

    private void accept(HttpServerRequest request, VerifiedToken token) {
        UpgradeTokens.keepOnlyHandshakeHeaders(request.headers());
        request.toWebSocket().onComplete(upgraded -> {
            if (upgraded.succeeded()) {
                dropIdleTimeout(request);
                socket.attach(upgraded.result(), token);
            } else if (!request.response().headWritten()) {
                refuse(request, 400);
            }
        });
    }

    /**
     * An HTTP connection's idle timeout has nothing left to do on a socket, which {@code SocketSweep} pings and closes
     * when its peer falls silent (a peer that stops reading fills its queue and is closed too), and it costs each
     * socket a handler and a scheduled task. Vert.x offers no other way to the channel than its connection
     * implementation; without it, the timeout stays.
     */
    private static void dropIdleTimeout(HttpServerRequest request) {
        if (request.connection() instanceof ConnectionBase connection) {
            var pipeline = connection.channelHandlerContext().pipeline();
            if (pipeline.get(IDLE_TIMEOUT) != null) {
                pipeline.remove(IDLE_TIMEOUT);
            }
        }
    }

    private static void refuse(HttpServerRequest request, int status) {
        request.response().setStatusCode(status).end();
    }
}
