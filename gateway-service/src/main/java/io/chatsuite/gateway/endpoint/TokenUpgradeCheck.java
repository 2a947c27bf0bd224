package io.chatsuite.gateway.endpoint;

import io.chatsuite.gateway.session.VerifiedToken;
import io.chatsuite.kit.revocation.RevokedSessions;
import io.quarkus.websockets.next.HttpUpgradeCheck;
import io.quarkus.websockets.next.UserData;
import io.smallrye.jwt.auth.principal.JWTParser;
import io.smallrye.jwt.auth.principal.ParseException;
import io.smallrye.mutiny.Uni;
import io.vertx.core.MultiMap;
import io.vertx.mutiny.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Set;
import java.util.UUID;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jboss.logging.Logger;

/**
 * Verifies the upgrade's bearer token once (signature against auth-service's JWKS, issuer, audience, expiry, and the
 * session not revoked: 401 otherwise) and hands the socket only what it keeps: user, session and expiry. The token,
 * its parsed claims and every header the WebSocket handshake does not need are dropped here, before the connection
 * copies the request's headers for its lifetime, so nothing of the request stays reachable from an open socket.
 */
@ApplicationScoped
public class TokenUpgradeCheck implements HttpUpgradeCheck {

    /** Where {@code ChatSocket.onOpen} finds what was verified (and removes it). */
    public static final UserData.TypedKey<VerifiedToken> VERIFIED = new UserData.TypedKey<>("chat.verified-token");
    /**
     * The request's headers, which Vert.x's socket keeps for its whole life: {@code ChatSocket.onOpen} empties them
     * once the handshake no longer needs them (and removes this key).
     */
    public static final UserData.TypedKey<MultiMap> REQUEST_HEADERS = new UserData.TypedKey<>("chat.request-headers");

    private static final Logger LOG = Logger.getLogger(TokenUpgradeCheck.class);
    private static final String BEARER = "Bearer ";
    /** The subprotocol a browser offers beside its token; the only one this endpoint answers with. */
    private static final String TOKEN_CARRIER = "bearer-token-carrier";
    /** What Vert.x's handshake and the other upgrade checks (OriginCheck) still read; everything else goes. */
    private static final Set<String> HANDSHAKE_HEADERS = Set.of("host", "upgrade", "connection", "origin",
            "sec-websocket-key", "sec-websocket-version", "sec-websocket-extensions", "sec-websocket-protocol");

    private final JWTParser parser;
    private final RevokedSessions revoked;
    private final Vertx vertx;
    private final Clock clock;
    private final VerifiedTokens verified = new VerifiedTokens();

    public TokenUpgradeCheck(JWTParser parser, RevokedSessions revoked, Vertx vertx, Clock clock) {
        this.parser = parser;
        this.revoked = revoked;
        this.vertx = vertx;
        this.clock = clock;
    }

    @Override
    public Uni<CheckResult> perform(HttpUpgradeContext context) {
        String authorization = context.httpRequest().getHeader("Authorization");
        if (authorization == null || !authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            return CheckResult.rejectUpgrade(401);
        }
        String raw = authorization.substring(BEARER.length()).trim();
        VerifiedToken known = verified.find(raw, clock.millis());
        if (known != null) {
            // Verified before, exactly these bytes: no worker hop, no parse, no signature check.
            return decide(context, known);
        }
        // Verifying may fetch the JWKS (blocking I/O): on a worker, back on this request's event loop after.
        return vertx.executeBlocking(Uni.createFrom().item(() -> verify(raw)), false)
                .flatMap(token -> decide(context, token));
    }

    private Uni<CheckResult> decide(HttpUpgradeContext context, VerifiedToken token) {
        if (token == null || revoked.isRevoked(token.sessionId())) {
            return CheckResult.rejectUpgrade(401);
        }
        context.userData().put(VERIFIED, token);
        keepOnlyHandshakeHeaders(context.httpRequest().headers());
        context.userData().put(REQUEST_HEADERS, context.httpRequest().headers());
        return CheckResult.permitUpgrade();
    }

    private VerifiedToken verify(String raw) {
        try {
            JsonWebToken jwt = parser.parse(raw);
            UUID userId = UUID.fromString(jwt.getSubject());
            Object sid = jwt.getClaim("sid");
            // A token without a session (older issuers) gets a stable one from its id.
            UUID sessionId = sid == null
                    ? UUID.nameUUIDFromBytes(jwt.getTokenID().getBytes(StandardCharsets.UTF_8))
                    : UUID.fromString(sid.toString());
            VerifiedToken token = new VerifiedToken(userId, sessionId, jwt.getExpirationTime() * 1000);
            verified.remember(raw, token);
            return token;
        } catch (ParseException | IllegalArgumentException | NullPointerException e) {
            LOG.debugf("upgrade refused: %s", e.getMessage());
            return null;
        }
    }

    private static void keepOnlyHandshakeHeaders(MultiMap headers) {
        headers.names().stream().filter(name -> !HANDSHAKE_HEADERS.contains(name.toLowerCase())).toList()
                .forEach(headers::remove);
        // A browser's second subprotocol is its token: only the carrier is answered, so only the carrier stays.
        if (headers.contains("Sec-WebSocket-Protocol")) {
            boolean carrier = headers.getAll("Sec-WebSocket-Protocol").stream()
                    .anyMatch(value -> value.contains(TOKEN_CARRIER));
            headers.remove("Sec-WebSocket-Protocol");
            if (carrier) {
                headers.add("Sec-WebSocket-Protocol", TOKEN_CARRIER);
            }
        }
    }
}
