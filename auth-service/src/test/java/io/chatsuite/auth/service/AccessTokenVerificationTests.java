package io.chatsuite.auth.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chatsuite.auth.TestUsers;
import io.chatsuite.auth.TestUsers.TestUser;
import io.chatsuite.devstack.testing.LocalStackTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.smallrye.jwt.auth.principal.DefaultJWTCallerPrincipalFactory;
import io.smallrye.jwt.auth.principal.DefaultJWTParser;
import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;
import io.smallrye.jwt.auth.principal.ParseException;
import jakarta.inject.Inject;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.security.Key;
import java.security.KeyPairGenerator;
import java.util.Base64;
import java.util.Set;
import java.util.UUID;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.NumericDate;
import org.jose4j.keys.HmacKey;
import org.junit.jupiter.api.Test;

/**
 * Tokens are verified the way every other service verifies them: smallrye-jwt's parser configured with this running
 * service's JWKS URL, the issuer and the audience, and nothing else. Forged tokens are refused there, and here.
 */
@QuarkusTest
@WithTestResource(LocalStackTestResource.class)
class AccessTokenVerificationTests {

    private static final String ISSUER = "https://chat.local/auth";
    private static final String AUDIENCE = "chat-suite";

    @TestHTTPResource("/api/auth/jwks")
    URL jwks;

    @Inject
    SigningKeys keys;

    @Test
    void aTokenFromLoginVerifiesInAnotherServiceWithTheAgreedClaims() throws Exception {
        String username = TestUsers.uniqueUsername();
        TestUser user = TestUsers.register(username, "Ada L.");

        JsonWebToken token = anotherService().parse(user.accessToken());

        assertThat(token.getIssuer()).isEqualTo(ISSUER);
        assertThat(token.getAudience()).containsExactly(AUDIENCE);
        assertThat(token.getSubject()).isEqualTo(user.id().toString());
        assertThat(token.<String>getClaim("preferred_username")).isEqualTo(username);
        assertThat(token.<String>getClaim("name")).isEqualTo("Ada L.");
        assertThat(UUID.fromString(token.getClaim("sid"))).isNotNull();
        assertThat(token.getTokenID()).isNotBlank();
        assertThat(token.getExpirationTime() - token.getIssuedAtTime()).isEqualTo(15 * 60);
        assertThat(header(user.accessToken())).contains("\"kid\":\"" + keys.current().id() + "\"")
                .contains("\"alg\":\"RS256\"");
    }

    @Test
    void aTokenSignedHereWithTheRightClaimsVerifies() throws Exception {
        // The control for the forgeries below: the same helper, nothing wrong, accepted.
        String token = sign(claims(), keys.current().privateKey(), AlgorithmIdentifiers.RSA_USING_SHA256,
                keys.current().id());

        assertThat(anotherService().parse(token).getSubject()).isNotBlank();
    }

    @Test
    void refusesAnUnsignedToken() {
        String unsigned = base64("{\"alg\":\"none\",\"typ\":\"JWT\",\"kid\":\"" + keys.current().id() + "\"}") + "."
                + base64(claims().toJson()) + ".";

        assertRefused(unsigned);
    }

    @Test
    void refusesHs256SignedWithThePublicKeyAsSecret() {
        byte[] publicKeyPem = ("-----BEGIN PUBLIC KEY-----\n"
                + Base64.getMimeEncoder().encodeToString(keys.current().publicKey().getEncoded())
                + "\n-----END PUBLIC KEY-----\n").getBytes(StandardCharsets.US_ASCII);

        assertRefused(sign(claims(), new HmacKey(publicKeyPem), AlgorithmIdentifiers.HMAC_SHA256,
                keys.current().id()));
        assertRefused(sign(claims(), new HmacKey(keys.current().publicKey().getEncoded()),
                AlgorithmIdentifiers.HMAC_SHA256, keys.current().id()));
    }

    @Test
    void refusesAWrongIssuer() {
        JwtClaims claims = claims();
        claims.setIssuer("https://evil.example/auth");

        assertRefused(signedHere(claims));
    }

    @Test
    void refusesAWrongAudience() {
        JwtClaims claims = claims();
        claims.setAudience("another-suite");

        assertRefused(signedHere(claims));
    }

    @Test
    void refusesAnExpiredToken() {
        JwtClaims claims = claims();
        claims.setIssuedAt(NumericDate.fromSeconds(NumericDate.now().getValue() - 30 * 60));
        claims.setExpirationTime(NumericDate.fromSeconds(NumericDate.now().getValue() - 10 * 60));

        assertRefused(signedHere(claims));
    }

    @Test
    void refusesAKeyIdThatIsNotPublished() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);

        assertRefused(sign(claims(), generator.generateKeyPair().getPrivate(),
                AlgorithmIdentifiers.RSA_USING_SHA256, "unknown-key"));
    }

    @Test
    void refusesABadSignature() {
        TestUser user = TestUsers.register();
        String[] parts = user.accessToken().split("\\.");
        JwtClaims claims = claims();
        // Another user's id under the genuine signature.
        String changedPayload = base64(claims.toJson());
        char last = parts[2].charAt(10);
        String changedSignature = parts[2].substring(0, 10) + (last == 'A' ? 'B' : 'A') + parts[2].substring(11);

        assertRefused(parts[0] + "." + changedPayload + "." + parts[2]);
        assertRefused(parts[0] + "." + parts[1] + "." + changedSignature);
    }

    /** smallrye-jwt as another service configures it through mp.jwt.verify.publickey.location, issuer, audiences. */
    private DefaultJWTParser anotherService() {
        JWTAuthContextInfo info = new JWTAuthContextInfo(jwks.toString(), ISSUER);
        info.setExpectedAudience(Set.of(AUDIENCE));
        return new DefaultJWTParser(info, new DefaultJWTCallerPrincipalFactory());
    }

    private void assertRefused(String token) {
        assertThatThrownBy(() -> anotherService().parse(token)).isInstanceOf(ParseException.class);
        RestAssured.given().auth().oauth2(token).get("/api/users/me").then().statusCode(401);
    }

    private static JwtClaims claims() {
        JwtClaims claims = new JwtClaims();
        claims.setIssuer(ISSUER);
        claims.setAudience(AUDIENCE);
        claims.setSubject(UUID.randomUUID().toString());
        claims.setClaim("upn", "mallory");
        claims.setClaim("preferred_username", "mallory");
        claims.setClaim("name", "Mallory");
        claims.setClaim("sid", UUID.randomUUID().toString());
        claims.setGeneratedJwtId();
        claims.setIssuedAtToNow();
        claims.setExpirationTimeMinutesInTheFuture(10);
        return claims;
    }

    private String signedHere(JwtClaims claims) {
        return sign(claims, keys.current().privateKey(), AlgorithmIdentifiers.RSA_USING_SHA256, keys.current().id());
    }

    static String sign(JwtClaims claims, Key key, String algorithm, String keyId) {
        JsonWebSignature jws = new JsonWebSignature();
        jws.setPayload(claims.toJson());
        jws.setKey(key);
        jws.setAlgorithmHeaderValue(algorithm);
        jws.setKeyIdHeaderValue(keyId);
        jws.setHeader("typ", "JWT");
        try {
            return jws.getCompactSerialization();
        } catch (org.jose4j.lang.JoseException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String header(String token) {
        return new String(Base64.getUrlDecoder().decode(token.split("\\.")[0]), StandardCharsets.UTF_8);
    }

    private static String base64(String json) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }
}
