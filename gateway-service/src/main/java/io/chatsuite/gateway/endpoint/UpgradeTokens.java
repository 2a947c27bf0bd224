package io.chatsuite.gateway.endpoint;

import io.chatsuite.gateway.session.VerifiedToken;
import io.chatsuite.kit.revocation.RevokedSessions;
import io.chatsuite.kit.token.VerifiedTokenCache;
import io.smallrye.jwt.auth.principal.JWTParser;
import io.smallrye.jwt.auth.principal.ParseException;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerRequest;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Arrays;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jboss.logging.Logger;

/**
 * Verifies an upgrade's bearer token once (signature against auth-service's JWKS, issuer, audience, expiry, and the
 * session not revoked) and keeps of it only what a socket needs: user, session and expiry. Programs send the token
 * in the Authorization header; browsers, which cannot set headers on a WebSocket, offer it as a second subprotocol
 * beside {@value #TOKEN_CARRIER} ({@code quarkus-http-upgrade#Authorization#Bearer%20<token>}, URL-encoded, the form
 * the web client and earlier gateways use). The token and every header the handshake does not need are then dropped from the
 * request, before Vert.x keeps its headers for the socket's life.
 */
@ApplicationScoped
public class UpgradeTokens {

    /** The subprotocol a browser offers beside its token; the only one the gateway answers with. */
    public static final String TOKEN_CARRIER = "bearer-token-carrier";

    private static final Logger LOG = Logger.getLogger(UpgradeTokens.class);
    private static final String BEARER = "Bearer ";
    private static final String HEADER_IN_SUBPROTOCOL = "quarkus-http-upgrade#Authorization#";
    private static final String SUBPROTOCOL = "Sec-WebSocket-Protocol";
    /** What Vert.x's handshake and the Origin check still read; everything else goes. */
    private static final Set<String> HANDSHAKE_HEADERS = Set.of("host", "upgrade", "connection", "origin",
            "sec-websocket-key", "sec-websocket-version", "sec-websocket-extensions", "sec-websocket-protocol");
    // A compact proof per token (about 200 bytes), not the parsed JWT the services' REST parser remembers.
    private static final int REMEMBERED_TOKENS = 4096;

    private final JWTParser parser;
    private final RevokedSessions revoked;
    private final Vertx vertx;
    private final Clock clock;
    private final VerifiedTokenCache<VerifiedToken> verified = new VerifiedTokenCache<>(REMEMBERED_TOKENS);

    public UpgradeTokens(JWTParser parser, RevokedSessions revoked, Vertx vertx, Clock clock) {
        this.parser = parser;
        this.revoked = revoked;
        this.vertx = vertx;
        this.clock = clock;
    }

    /**
     * What the request's token proves, or null when it has none or proves nothing (the upgrade is refused with 401).
     * Completes on the request's event loop.
     */
    public Future<VerifiedToken> verify(HttpServerRequest request) {
        String authorization = authorization(request.headers());
        if (authorization == null || !authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            return Future.succeededFuture();
        }
        String raw = authorization.substring(BEARER.length()).trim();
        VerifiedToken known = verified.find(raw, clock.millis());
        if (known != null) {
            // Verified before, exactly these bytes: no worker hop, no parse, no signature check.
            return Future.succeededFuture(unlessRevoked(known));
        }
        // Verifying may fetch the JWKS (blocking I/O): on a worker, back on this request's event loop after.
        return vertx.executeBlocking(() -> unlessRevoked(parse(raw)), false);
    }

    /** Drops every header the handshake does not need, the token first, wherever it was carried. */
    public static void keepOnlyHandshakeHeaders(MultiMap headers) {
        headers.names().stream().filter(name -> !HANDSHAKE_HEADERS.contains(name.toLowerCase())).toList()
                .forEach(headers::remove);
        // A browser's second subprotocol is its token: only the carrier is answered, so only the carrier stays.
        if (headers.contains(SUBPROTOCOL)) {
            boolean carrier = offered(headers).anyMatch(TOKEN_CARRIER::equals);
            headers.remove(SUBPROTOCOL);
            if (carrier) {
                headers.add(SUBPROTOCOL, TOKEN_CARRIER);
            }
        }
    }

    private static String authorization(MultiMap headers) {
        String header = headers.get("Authorization");
        if (header != null) {
            return header;
        }
        return offered(headers).filter(protocol -> protocol.regionMatches(true, 0, HEADER_IN_SUBPROTOCOL, 0,
                HEADER_IN_SUBPROTOCOL.length()))
                // URL-encoded, since a subprotocol may hold no space.
                .map(protocol -> URLDecoder.decode(protocol.substring(HEADER_IN_SUBPROTOCOL.length()),
                        StandardCharsets.UTF_8))
                .findFirst().orElse(null);
    }

    /** The subprotocols offered, however the client split them over header lines. */
    private static Stream<String> offered(MultiMap headers) {
        return headers.getAll(SUBPROTOCOL).stream().flatMap(line -> Arrays.stream(line.split(",")))
                .map(String::trim);
    }

    private VerifiedToken unlessRevoked(VerifiedToken token) {
        return token == null || revoked.isRevoked(token.sessionId()) ? null : token;
    }

    private VerifiedToken parse(String raw) {
        try {
            JsonWebToken jwt = parser.parse(raw);
            UUID userId = UUID.fromString(jwt.getSubject());
            Object sid = jwt.getClaim("sid");
            // A token without a session (older issuers) gets a stable one from its id.
            UUID sessionId = sid == null
                    ? UUID.nameUUIDFromBytes(jwt.getTokenID().getBytes(StandardCharsets.UTF_8))
                    : UUID.fromString(sid.toString());
            VerifiedToken token = new VerifiedToken(userId, sessionId, jwt.getExpirationTime() * 1000);
            verified.remember(raw, token, token.expiresAtMillis());
            return token;
        } catch (ParseException | IllegalArgumentException | NullPointerException e) {
            LOG.debugf("upgrade refused: %s", e.getMessage());
            return null;
        }
    }
}
