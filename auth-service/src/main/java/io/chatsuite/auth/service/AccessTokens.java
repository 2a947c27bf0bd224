package io.chatsuite.auth.service;

import io.chatsuite.auth.config.AuthConfig;
import io.chatsuite.auth.model.UserAccount;
import io.smallrye.jwt.algorithm.SignatureAlgorithm;
import io.smallrye.jwt.build.Jwt;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

/** Mints the access tokens every service verifies through the JWKS; the claims are the suite's contract. */
@ApplicationScoped
public class AccessTokens {

    private final AuthConfig.Tokens config;
    private final SigningKeys keys;
    private final Clock clock;

    public AccessTokens(AuthConfig config, SigningKeys keys, Clock clock) {
        this.config = config.tokens();
        this.keys = keys;
        this.clock = clock;
    }

    public String issue(UserAccount user, UUID sessionId) {
        Instant now = clock.instant();
        SigningKey key = keys.current();
        return Jwt.issuer(config.issuer())
                .audience(config.audience())
                .subject(user.id.toString())
                .upn(user.username)
                .preferredUserName(user.username)
                .claim("name", user.displayName)
                .claim("sid", sessionId.toString())
                .claim("jti", UUID.randomUUID().toString())
                .issuedAt(now)
                .expiresAt(now.plus(config.accessLifetime()))
                .jws().keyId(key.id()).algorithm(SignatureAlgorithm.RS256)
                .sign(key.privateKey());
    }

    public Duration lifetime() {
        return config.accessLifetime();
    }
}
