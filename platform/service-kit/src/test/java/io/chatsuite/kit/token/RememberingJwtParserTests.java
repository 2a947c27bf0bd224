package io.chatsuite.kit.token;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.smallrye.jwt.auth.principal.DefaultJWTParser;
import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;
import io.smallrye.jwt.auth.principal.ParseException;
import io.smallrye.jwt.build.Jwt;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.junit.jupiter.api.Test;

/** smallrye-jwt's real parser behind the memory: a token is verified once, and nothing unverified gets through. */
class RememberingJwtParserTests {

    private static final String ISSUER = "https://chat.test/auth";
    private static final KeyPair KEYS = rsaKeys();
    private static final KeyPair OTHER_KEYS = rsaKeys();

    private final CountingParser verifier = new CountingParser();
    private final MovableClock clock = new MovableClock();
    private final RememberingJwtParser parser = new RememberingJwtParser(verifier, clock);

    @Test
    void aTokenIsVerifiedOnceThenRememberedUntilItsExpiry() throws ParseException {
        Instant expiry = Instant.now().plusSeconds(600);
        String token = token(expiry, KEYS);

        JsonWebToken first = parser.parse(token);
        JsonWebToken again = parser.parse(token);

        assertThat(again.getSubject()).isEqualTo("alice");
        assertThat(again).isSameAs(first);
        assertThat(verifier.parsed).hasValue(1);

        clock.now = expiry;
        parser.parse(token);
        assertThat(verifier.parsed).as("verified again once its remembered expiry is reached").hasValue(2);
    }

    @Test
    void aTokenThatDiffersFromARememberedOneIsVerifiedAndRefused() throws ParseException {
        Instant expiry = Instant.now().plusSeconds(600);
        String token = token(expiry, KEYS);
        parser.parse(token);

        String forgedSignature = token.substring(0, token.length() - 2) + (token.endsWith("AA") ? "BB" : "AA");
        assertThatThrownBy(() -> parser.parse(forgedSignature)).isInstanceOf(ParseException.class);
        assertThatThrownBy(() -> parser.parse(token(expiry, OTHER_KEYS))).isInstanceOf(ParseException.class);
        assertThat(verifier.parsed).hasValue(3);
    }

    @Test
    void aRefusedTokenIsNotRemembered() {
        String expired = token(Instant.now().minusSeconds(60), KEYS);

        assertThatThrownBy(() -> parser.parse(expired)).isInstanceOf(ParseException.class);
        assertThatThrownBy(() -> parser.parse(expired)).isInstanceOf(ParseException.class);
        assertThat(verifier.parsed).hasValue(2);
    }

    private static String token(Instant expiry, KeyPair keys) {
        return Jwt.issuer(ISSUER).audience("chat-suite").subject("alice").issuedAt(expiry.minusSeconds(900))
                .expiresAt(expiry).jws().sign(keys.getPrivate());
    }

    private static KeyPair rsaKeys() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** smallrye-jwt's parser as the services configure it (RS256, issuer, audience), counting its verifications. */
    private static final class CountingParser extends DefaultJWTParser {

        final AtomicInteger parsed = new AtomicInteger();

        CountingParser() {
            super(context());
        }

        private static JWTAuthContextInfo context() {
            JWTAuthContextInfo context = new JWTAuthContextInfo(KEYS.getPublic(), ISSUER);
            context.setExpectedAudience(Set.of("chat-suite"));
            return context;
        }

        @Override
        public JsonWebToken parse(String token) throws ParseException {
            parsed.incrementAndGet();
            return super.parse(token);
        }
    }

    private static final class MovableClock extends Clock {

        Instant now = Instant.now();

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
