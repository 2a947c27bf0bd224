package io.chatsuite.gateway.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.chatsuite.gateway.config.GatewayConfig;
import io.chatsuite.problem.Problem;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.Cookie;
import io.vertx.core.http.CookieSameSite;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.net.URI;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * The browser's session, kept out of the page's reach (a small backend-for-frontend). Signing in goes through here:
 * the gateway calls auth-service, keeps the refresh token in an HttpOnly, SameSite=Strict cookie scoped to
 * {@code /web/session}, and gives the page only the short-lived access token, which the page keeps in memory. So a
 * script injected into the page could use a token for minutes but never steal the session.
 *
 * <ul>
 *   <li>{@code POST /web/session} signs in ({@code username}, {@code password});</li>
 *   <li>{@code POST /web/session/register} creates an account and signs in;</li>
 *   <li>{@code POST /web/session/refresh} exchanges the cookie for a new access token (and a rotated cookie);</li>
 *   <li>{@code DELETE /web/session} revokes the session at auth-service and clears the cookie.</li>
 * </ul>
 * Every call must come from an allowed Origin (the page's own), which with SameSite=Strict rules out cross-site use.
 */
@ApplicationScoped
public class WebSessionRoutes {

    static final String COOKIE = "chat_refresh";
    static final String PATH = "/web/session";
    private static final int BODY_LIMIT = 16 * 1024;
    private static final Logger LOG = Logger.getLogger(WebSessionRoutes.class);

    private final GatewayConfig config;
    private final ObjectMapper json;
    private HttpClient auth;

    public WebSessionRoutes(GatewayConfig config, ObjectMapper json) {
        this.config = config;
        this.json = json;
    }

    void route(@Observes Router router, Vertx vertx) {
        auth = vertx.createHttpClient(new HttpClientOptions()
                .setConnectTimeout(5_000).setIdleTimeout(60).setKeepAlive(true).setMaxPoolSize(16));
        BodyHandler body = BodyHandler.create(false).setBodyLimit(BODY_LIMIT);
        // Vert.x wants the body handler first on a route; the origin check still runs before anything is called.
        router.post(PATH).order(-100).handler(body).handler(this::checkOrigin).handler(ctx ->
                exchange(ctx, "/api/auth/login", ctx.body().buffer(), null));
        router.post(PATH + "/register").order(-100).handler(body).handler(this::checkOrigin).handler(ctx ->
                exchange(ctx, "/api/auth/register", ctx.body().buffer(), null));
        router.post(PATH + "/refresh").order(-100).handler(this::checkOrigin).handler(this::refresh);
        router.delete(PATH).order(-100).handler(this::checkOrigin).handler(this::logout);
        router.route(PATH + "*").order(-99).handler(ctx -> problem(ctx, 405, "Method Not Allowed",
                "Use POST " + PATH + ", POST " + PATH + "/register, POST " + PATH + "/refresh or DELETE " + PATH));
    }

    /** The page's own origin only: a cross-site form or script cannot sign in, refresh or sign out. */
    private void checkOrigin(RoutingContext ctx) {
        String origin = ctx.request().getHeader("Origin");
        if (origin == null || !config.allowedOrigins().contains(origin)) {
            problem(ctx, 403, "Forbidden", "The Origin of this request is not allowed.");
            return;
        }
        ctx.response().putHeader("Cache-Control", "no-store");
        ctx.next();
    }

    private void refresh(RoutingContext ctx) {
        Cookie cookie = ctx.request().getCookie(COOKIE);
        if (cookie == null || cookie.getValue().isBlank()) {
            problem(ctx, 401, "Unauthorized", "No session: sign in.");
            return;
        }
        exchange(ctx, "/api/auth/refresh", refreshBody(cookie.getValue()), null);
    }

    /** Rotates the session once to get a token that may end it, then ends it; the cookie goes in any case. */
    private void logout(RoutingContext ctx) {
        Cookie cookie = ctx.request().getCookie(COOKIE);
        clearCookie(ctx);
        if (cookie == null || cookie.getValue().isBlank()) {
            ctx.response().setStatusCode(204).end();
            return;
        }
        callAuth(ctx, "/api/auth/refresh", refreshBody(cookie.getValue()), null)
                .compose(answer -> {
                    if (answer.status() != 200) {
                        return Future.succeededFuture();
                    }
                    String access = readJson(answer.body()).path("accessToken").asText();
                    return callAuth(ctx, "/api/auth/logout", null, access).mapEmpty();
                })
                .onComplete(done -> {
                    if (done.failed()) {
                        LOG.debugf(done.cause(), "signing out at auth-service failed");
                    }
                    ctx.response().setStatusCode(204).end();
                });
    }

    /** Calls auth-service; on success sets the refresh cookie and answers the access token, else passes the refusal. */
    private void exchange(RoutingContext ctx, String path, Buffer body, String bearer) {
        callAuth(ctx, path, body, bearer).onComplete(result -> {
            if (result.failed()) {
                LOG.warnf("auth-service unreachable: %s", result.cause().getMessage());
                problem(ctx, 503, "Service Unavailable", "Signing in is not possible right now; try again shortly.");
                return;
            }
            AuthAnswer answer = result.result();
            if (answer.status() / 100 != 2) {
                if (answer.status() == 401 && path.endsWith("/refresh")) {
                    clearCookie(ctx);
                }
                var response = ctx.response().setStatusCode(answer.status());
                if (answer.contentType() != null) {
                    response.putHeader("Content-Type", answer.contentType());
                }
                if (answer.retryAfter() != null) {
                    response.putHeader("Retry-After", answer.retryAfter());
                }
                response.end(answer.body());
                return;
            }
            JsonNode tokens = readJson(answer.body());
            String refreshToken = tokens.path("refreshToken").asText(null);
            if (refreshToken == null) {
                problem(ctx, 502, "Bad Gateway", "auth-service answered without a session.");
                return;
            }
            setCookie(ctx, refreshToken);
            ObjectNode grant = json.createObjectNode();
            grant.set("accessToken", tokens.path("accessToken"));
            grant.set("tokenType", tokens.path("tokenType"));
            grant.set("expiresIn", tokens.path("expiresIn"));
            grant.set("user", tokens.path("user"));
            ctx.response().setStatusCode(answer.status()).putHeader("Content-Type", "application/json")
                    .end(grant.toString());
        });
    }

    private Future<AuthAnswer> callAuth(RoutingContext ctx, String path, Buffer body, String bearer) {
        URI target = config.routes().auth();
        RequestOptions options = new RequestOptions()
                .setMethod(HttpMethod.POST)
                .setHost(target.getHost())
                .setPort(target.getPort() > 0 ? target.getPort() : 80)
                .setURI(path)
                .setTimeout(10_000)
                .putHeader("Accept", "application/json")
                // auth-service throttles per client address and trusts the gateway to name it.
                .putHeader("X-Forwarded-For", clientAddress(ctx));
        String userAgent = ctx.request().getHeader("User-Agent");
        if (userAgent != null) {
            // The account settings list sessions by the device that opened them.
            options.putHeader("User-Agent", userAgent);
        }
        if (body != null) {
            options.putHeader("Content-Type", "application/json");
        }
        if (bearer != null) {
            options.putHeader("Authorization", "Bearer " + bearer);
        }
        // The body is asked for inside send's callback: chained after it, the response could end first and the body
        // never complete (Vert.x's documented race when a request is made off its event loop).
        return auth.request(options)
                .compose(request -> (body == null ? request.send() : request.send(body))
                        .compose(response -> response.body().map(bytes -> new AuthAnswer(response.statusCode(),
                                response.getHeader("Content-Type"), response.getHeader("Retry-After"), bytes))));
    }

    private Buffer refreshBody(String refreshToken) {
        ObjectNode body = json.createObjectNode().put("refreshToken", refreshToken);
        return Buffer.buffer(body.toString());
    }

    private void setCookie(RoutingContext ctx, String refreshToken) {
        ctx.response().addCookie(Cookie.cookie(COOKIE, refreshToken)
                .setPath(PATH)
                .setHttpOnly(true)
                .setSecure(secure(ctx))
                .setSameSite(CookieSameSite.STRICT)
                .setMaxAge(config.web().sessionCookieMaxAge().toSeconds()));
    }

    private void clearCookie(RoutingContext ctx) {
        ctx.response().addCookie(Cookie.cookie(COOKIE, "")
                .setPath(PATH).setHttpOnly(true).setSecure(secure(ctx)).setSameSite(CookieSameSite.STRICT)
                .setMaxAge(0));
    }

    /** Secure whenever the page is served over https (here, or at a TLS-terminating ingress when configured). */
    private boolean secure(RoutingContext ctx) {
        return config.web().secureCookie() || "https".equalsIgnoreCase(ctx.request().scheme());
    }

    private JsonNode readJson(Buffer body) {
        try {
            return json.readTree(body.getBytes());
        } catch (java.io.IOException e) {
            return json.createObjectNode();
        }
    }

    private void problem(RoutingContext ctx, int status, String title, String detail) {
        try {
            ctx.response().setStatusCode(status).putHeader("Content-Type", Problem.MEDIA_TYPE)
                    .putHeader("Cache-Control", "no-store")
                    .end(json.writeValueAsString(new Problem("about:blank", title, status, detail,
                            ctx.request().path(), List.of())));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            ctx.fail(e);
        }
    }

    private static String clientAddress(RoutingContext ctx) {
        var remote = ctx.request().remoteAddress();
        return remote == null ? "unknown" : remote.hostAddress();
    }

    private record AuthAnswer(int status, String contentType, String retryAfter, Buffer body) {
    }
}
