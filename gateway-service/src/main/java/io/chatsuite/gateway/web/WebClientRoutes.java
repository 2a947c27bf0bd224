package io.chatsuite.gateway.web;

import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.regex.Pattern;

/**
 * Serves the web client (platform/web-client, in this jar's META-INF/resources). Quarkus serves its files; this adds:
 * the single-page fallback (every client route such as {@code /c/<id>} answers index.html, so links and reloads
 * work), caching (hashed {@code /assets/*} forever, index.html never without revalidation), and security headers on
 * every page response: a Content-Security-Policy without inline scripts, no framing, no MIME sniffing, no referrer
 * leaking conversation ids. Every other answer (the /api proxy's, the session routes', health, errors) carries
 * {@code X-Content-Type-Options: nosniff} too.
 */
@ApplicationScoped
public class WebClientRoutes {

    /** Only our own files; blob: for images fetched with the token; ws(s) to ourselves ('self' covers it). */
    static final String CONTENT_SECURITY_POLICY = String.join("; ",
            "default-src 'self'",
            "script-src 'self'",
            "style-src 'self'",
            "img-src 'self' blob: data:",
            "media-src 'self' blob:",
            "connect-src 'self'",
            "font-src 'self'",
            "object-src 'none'",
            "base-uri 'none'",
            "form-action 'self'",
            "frame-ancestors 'none'");

    /** Paths that belong to the server, not the client: never the page, never its headers. */
    private static final Pattern SERVER_PATHS = Pattern.compile("^/(api|ws|q|web)(/.*)?$");
    /** Client routes: no file extension in the last segment. */
    private static final Pattern CLIENT_ROUTE = Pattern.compile("^(/[^/.]*)*/?$");

    /**
     * A filter of priority p runs at route order -p: this one must come before every route of ours (the /api proxy
     * and the session routes sit at order -100), or their answers go out without the headers.
     */
    private static final int HEADERS_FIRST = 1_000;

    private final Buffer indexHtml = loadIndex();

    void headers(@Observes Filters filters) {
        filters.register(this::addHeaders, HEADERS_FIRST);
    }

    void route(@Observes Router router) {
        if (indexHtml == null) {
            return;
        }
        router.route().order(-90).method(HttpMethod.GET).method(HttpMethod.HEAD).handler(this::serveIndex);
    }

    private void serveIndex(RoutingContext ctx) {
        String path = ctx.normalizedPath();
        if (SERVER_PATHS.matcher(path).matches() || !CLIENT_ROUTE.matcher(path).matches()
                && !"/index.html".equals(path)) {
            ctx.next();
            return;
        }
        var response = ctx.response().putHeader("Content-Type", "text/html; charset=utf-8");
        if (ctx.request().method() == HttpMethod.HEAD) {
            response.putHeader("Content-Length", Integer.toString(indexHtml.length())).end();
        } else {
            response.end(indexHtml);
        }
    }

    private void addHeaders(RoutingContext ctx) {
        String path = ctx.normalizedPath();
        if (!SERVER_PATHS.matcher(path).matches()) {
            // Set when the headers go out, so the static handler's own caching headers are replaced.
            ctx.addHeadersEndHandler(ignored -> {
                var headers = ctx.response().headers();
                headers.set("Content-Security-Policy", CONTENT_SECURITY_POLICY);
                headers.set("X-Content-Type-Options", "nosniff");
                headers.set("X-Frame-Options", "DENY");
                headers.set("Referrer-Policy", "no-referrer");
                headers.set("Permissions-Policy", "camera=(), microphone=(), geolocation=()");
                headers.set("Cross-Origin-Opener-Policy", "same-origin");
                if (path.startsWith("/assets/") && ctx.response().getStatusCode() == 200) {
                    headers.set("Cache-Control", "public, max-age=31536000, immutable");
                } else {
                    headers.set("Cache-Control", "no-cache");
                }
            });
        } else {
            ctx.addHeadersEndHandler(ignored -> ctx.response().headers().set("X-Content-Type-Options", "nosniff"));
        }
        ctx.next();
    }

    private static Buffer loadIndex() {
        try (InputStream in = WebClientRoutes.class.getClassLoader()
                .getResourceAsStream("META-INF/resources/index.html")) {
            return in == null ? null : Buffer.buffer(in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
