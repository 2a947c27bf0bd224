package io.chatsuite.devstack.testing;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.smallrye.jwt.algorithm.SignatureAlgorithm;
import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.build.JwtClaimsBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;

/**
 * Stands in for auth-service in a service's own tests: a key pair made when the test JVM starts (no key in the
 * repository), its public half published as a JWKS file the service verifies with, and tokens signed with it that
 * carry the same claims auth-service issues. Whole-suite tests use the real auth-service instead.
 */
public class TestTokenIssuer implements QuarkusTestResourceLifecycleManager {

    public static final String ISSUER = "https://chat.local/auth";
    public static final String AUDIENCE = "chat-suite";
    public static final String KEY_ID = "test-only-key";

    private static KeyPair keys;
    private static Path jwks;

    @Override
    public Map<String, String> start() {
        return Map.of(
                "mp.jwt.verify.publickey.location", jwksFile().toUri().toString(),
                "mp.jwt.verify.issuer", ISSUER,
                "mp.jwt.verify.audiences", AUDIENCE);
    }

    @Override
    public void stop() {
        // The key pair lives as long as the test JVM, so tokens minted for one test class stay valid in the next.
    }

    /** A valid access token for the user, as auth-service would issue it, for a new session. */
    public static String tokenFor(UUID userId, String username) {
        return sign(claimsFor(userId, username, UUID.randomUUID()));
    }

    /** The claims of a valid token, for tests that change one of them. */
    public static JwtClaimsBuilder claimsFor(UUID userId, String username, UUID sessionId) {
        return Jwt.issuer(ISSUER)
                .audience(AUDIENCE)
                .subject(userId.toString())
                .upn(username)
                .preferredUserName(username)
                .claim("name", username)
                .claim("sid", sessionId.toString())
                .claim("jti", UUID.randomUUID().toString())
                .expiresIn(Duration.ofMinutes(10));
    }

    public static String sign(JwtClaimsBuilder claims) {
        return claims.jws().keyId(KEY_ID).algorithm(SignatureAlgorithm.RS256).sign(signingKey());
    }

    public static synchronized PrivateKey signingKey() {
        return keyPair().getPrivate();
    }

    private static synchronized KeyPair keyPair() {
        if (keys == null) {
            try {
                KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
                generator.initialize(2048);
                keys = generator.generateKeyPair();
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        }
        return keys;
    }

    private static synchronized Path jwksFile() {
        if (jwks == null) {
            RSAPublicKey key = (RSAPublicKey) keyPair().getPublic();
            String json = """
                    {"keys":[{"kty":"RSA","use":"sig","alg":"RS256","kid":"%s","n":"%s","e":"%s"}]}"""
                    .formatted(KEY_ID, base64Url(key.getModulus()), base64Url(key.getPublicExponent()));
            try {
                jwks = Files.createTempFile("test-jwks", ".json");
                Files.writeString(jwks, json);
                jwks.toFile().deleteOnExit();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return jwks;
    }

    private static String base64Url(BigInteger value) {
        byte[] bytes = value.toByteArray();
        // BigInteger adds a sign byte; JWK wants the unsigned big-endian magnitude.
        if (bytes.length > 1 && bytes[0] == 0) {
            bytes = Arrays.copyOfRange(bytes, 1, bytes.length);
        }
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
