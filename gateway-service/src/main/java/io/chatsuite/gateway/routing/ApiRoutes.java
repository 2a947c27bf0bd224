package io.chatsuite.gateway.routing;

import io.chatsuite.gateway.config.GatewayConfig;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.proxy.handler.ProxyHandler;
import io.vertx.httpproxy.HttpProxy;
import io.vertx.httpproxy.ProxyContext;
import io.vertx.httpproxy.ProxyInterceptor;
import io.vertx.httpproxy.ProxyResponse;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.net.URI;
import java.util.List;

/**
 * Passes {@code /api/...} through to the service that owns it, streaming both ways, so a browser talks to one
 * origin. The owning service authenticates and authorizes; the gateway adds who the client is (X-Forwarded-For).
 */
@ApplicationScoped
public class ApiRoutes {

    void route(@Observes Router router, Vertx vertx, GatewayConfig config) {
        HttpClient client = vertx.createHttpClient(new HttpClientOptions()
                .setMaxPoolSize(64).setKeepAlive(true).setConnectTimeout(5_000).setIdleTimeout(60));
        GatewayConfig.Routes routes = config.routes();
        forward(router, client, routes.auth(), List.of("/api/auth/*", "/api/users*", "/api/friends*", "/api/blocks*"));
        forward(router, client, routes.chat(), List.of("/api/conversations*", "/api/rooms*", "/api/attachments*",
                "/api/avatars*"));
        forward(router, client, routes.history(), List.of("/api/history/*"));
        forward(router, client, routes.presence(), List.of("/api/presence/*"));
    }

    private static void forward(Router router, HttpClient client, URI target, List<String> paths) {
        HttpProxy proxy = HttpProxy.reverseProxy(client)
                .origin(target.getPort() > 0 ? target.getPort() : 80, target.getHost())
                .addInterceptor(new ForwardedFor());
        ProxyHandler handler = ProxyHandler.create(proxy);
        paths.forEach(path -> router.route(path).order(-100).handler(handler));
    }

    /**
     * Tells the owning service the client's address, for its per-address throttling. The gateway is the edge:
     * whatever forwarding headers the client sent are dropped, or a client could pick its own address.
     */
    private static final class ForwardedFor implements ProxyInterceptor {

        private static final List<String> FORWARDING = List.of("Forwarded", "X-Forwarded-For", "X-Forwarded-Proto",
                "X-Forwarded-Port", "X-Forwarded-Host", "X-Forwarded-Prefix", "X-Real-IP");

        @Override
        public Future<ProxyResponse> handleProxyRequest(ProxyContext context) {
            var original = context.request().proxiedRequest();
            var headers = context.request().headers();
            FORWARDING.forEach(headers::remove);
            headers.set("X-Forwarded-For",
                    original.remoteAddress() == null ? "unknown" : original.remoteAddress().hostAddress());
            return context.sendRequest();
        }
    }
}
