package io.chatsuite.kit.token;

import io.smallrye.jwt.auth.principal.DefaultJWTParser;
import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;
import io.smallrye.jwt.auth.principal.JWTParser;
import io.smallrye.jwt.auth.principal.ParseException;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.time.Clock;
import javax.crypto.SecretKey;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * The parser every service's REST authentication uses: smallrye-jwt's, which checks the signature against
 * auth-service's JWKS, the algorithm, issuer, audience and expiry, with what it verified remembered until the token
 * expires. Verifying a token (the RS256 check and jose4j's parse) was about a quarter of history-service's CPU while
 * 5,000 devices resynced after a reconnect storm (docs/benchmarks.md), though each device presents the same token on
 * every call. Revocation is checked after it, on every request ({@code RevokedSessionRefusal}). Two services exclude
 * this bean: the gateway, which keeps only a compact proof per token for its sockets, and auth-service, where a
 * removed signing key must stop its tokens at once.
 */
@Alternative
@Priority(1)
@ApplicationScoped
public class RememberingJwtParser implements JWTParser {

    // A principal holds its token and claims (a few KiB): 4,096 of them stay within a few tens of MiB.
    private static final int CAPACITY = 4096;

    private final DefaultJWTParser verifier;
    private final Clock clock;
    private final VerifiedTokenCache<JsonWebToken> verified = new VerifiedTokenCache<>(CAPACITY);

    public RememberingJwtParser(DefaultJWTParser verifier, Clock clock) {
        this.verifier = verifier;
        this.clock = clock;
    }

    @Override
    public JsonWebToken parse(String token) throws ParseException {
        JsonWebToken known = verified.find(token, clock.millis());
        if (known != null) {
            return known;
        }
        JsonWebToken jwt = verifier.parse(token);
        verified.remember(token, jwt, jwt.getExpirationTime() * 1000);
        return jwt;
    }

    // The rest is not how requests are authenticated: passed through as they are, nothing remembered.

    @Override
    public JsonWebToken parse(String token, JWTAuthContextInfo context) throws ParseException {
        return verifier.parse(token, context);
    }

    @Override
    public JsonWebToken verify(String token, PublicKey key) throws ParseException {
        return verifier.verify(token, key);
    }

    @Override
    public JsonWebToken verify(String token, SecretKey key) throws ParseException {
        return verifier.verify(token, key);
    }

    @Override
    public JsonWebToken verify(String token, String secret) throws ParseException {
        return verifier.verify(token, secret);
    }

    @Override
    public JsonWebToken decrypt(String token, PrivateKey key) throws ParseException {
        return verifier.decrypt(token, key);
    }

    @Override
    public JsonWebToken decrypt(String token, SecretKey key) throws ParseException {
        return verifier.decrypt(token, key);
    }

    @Override
    public JsonWebToken decrypt(String token, String secret) throws ParseException {
        return verifier.decrypt(token, secret);
    }

    @Override
    public JsonWebToken parseOnly(String token) throws ParseException {
        return verifier.parseOnly(token);
    }
}
