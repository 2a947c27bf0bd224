package io.chatsuite.auth.rest;

import static io.chatsuite.auth.Problems.problem;
import static io.chatsuite.auth.TestUsers.PASSWORD;
import static io.chatsuite.auth.TestUsers.awaitRefused;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;

import io.chatsuite.auth.TestUsers;
import io.chatsuite.auth.TestUsers.TestUser;
import io.chatsuite.auth.UserEventsTopic;
import io.chatsuite.contracts.user.SessionRevoked;
import io.chatsuite.contracts.user.UserRegistered;
import io.chatsuite.devstack.testing.LocalStackTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.ValidatableResponse;
import java.util.Arrays;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(LocalStackTestResource.class)
class AuthResourceTests {

    @Test
    void registrationOpensASessionAndPublishesTheNewUser() {
        String username = TestUsers.uniqueUsername();

        JsonPath answer = post("/api/auth/register",
                Map.of("username", username, "password", PASSWORD, "displayName", "  Ada Lovelace "))
                .statusCode(201)
                .body("tokenType", equalTo("Bearer"))
                .body("expiresIn", equalTo(900))
                .body("accessToken", notNullValue())
                .body("refreshToken", notNullValue())
                .body("user.username", equalTo(username))
                .body("user.displayName", equalTo("Ada Lovelace"))
                .extract().jsonPath();

        UUID id = UUID.fromString(answer.getString("user.id"));
        given().auth().oauth2(answer.getString("accessToken")).get("/api/users/me")
                .then().statusCode(200).body("id", equalTo(id.toString()));
        UserRegistered event = UserEventsTopic.awaitEvent(id, UserRegistered.class, e -> true);
        assertThat(event.username()).isEqualTo(username);
        assertThat(event.displayName()).isEqualTo("Ada Lovelace");
    }

    @Test
    void theDisplayNameDefaultsToTheUsername() {
        String username = TestUsers.uniqueUsername();

        post("/api/auth/register", Map.of("username", username, "password", PASSWORD))
                .statusCode(201).body("user.displayName", equalTo(username));
    }

    @Test
    void usernamesAreUniqueIgnoringCase() {
        String username = TestUsers.uniqueUsername();
        TestUsers.register(username, null);

        problem(post("/api/auth/register", Map.of("username", username.toUpperCase(), "password", PASSWORD)), 409)
                .body("errors[0].field", equalTo("username"));
    }

    @Test
    void refusesEachInvalidFieldByName() {
        refused(Map.of("username", "ab", "password", PASSWORD), "username");
        refused(Map.of("username", "a".repeat(33), "password", PASSWORD), "username");
        refused(Map.of("username", "has space", "password", PASSWORD), "username");
        refused(Map.of("username", "émile", "password", PASSWORD), "username");
        refused(Map.of("username", TestUsers.uniqueUsername(), "password", "short"), "password");
        refused(Map.of("username", TestUsers.uniqueUsername(), "password", "x".repeat(129)), "password");
        refused(Map.of("username", TestUsers.uniqueUsername(), "password", "Password123"), "password");
        refused(Map.of("username", TestUsers.uniqueUsername(), "password", PASSWORD, "displayName", "   "),
                "displayName");
        refused(Map.of("username", TestUsers.uniqueUsername(), "password", PASSWORD, "displayName", "a\u0007b"),
                "displayName");
        refused(Map.of("username", TestUsers.uniqueUsername(), "password", PASSWORD, "displayName", "x".repeat(65)),
                "displayName");
        refused(Map.of("password", PASSWORD), "username");
    }

    @Test
    void acceptsTheLimitsOfEachField() {
        post("/api/auth/register", Map.of("username", TestUsers.uniqueUsername() + "_.-" + "x".repeat(12),
                "password", "y".repeat(128), "displayName", "日本語の名前 🙂".repeat(8)))
                .statusCode(201);
    }

    @Test
    void refusesABodyThatIsNotJson() {
        problem(given().contentType(ContentType.JSON).body("{not json").post("/api/auth/register").then(), 400);
    }

    @Test
    void loginAnswersTokensForTheRightPassword() {
        TestUser user = TestUsers.register();

        post("/api/auth/login", Map.of("username", user.username().toUpperCase(), "password", PASSWORD))
                .statusCode(200)
                .body("user.id", equalTo(user.id().toString()))
                .body("accessToken", notNullValue())
                .body("refreshToken", notNullValue());
    }

    @Test
    void loginAnswersAnUnknownUserAndAWrongPasswordAlike() {
        TestUser user = TestUsers.register();
        Map<String, String> wrongPassword = Map.of("username", user.username(), "password", "not the password");
        Map<String, String> unknownUser = Map.of("username", TestUsers.uniqueUsername(), "password", PASSWORD);

        String wrong = problem(post("/api/auth/login", wrongPassword), 401).extract().asString();
        String unknown = problem(post("/api/auth/login", unknownUser), 401).extract().asString();

        assertThat(unknown).isEqualTo(wrong);
        // Both pay for one password hash: an unknown user is not answered markedly faster.
        long wrongMillis = medianMillis(() -> post("/api/auth/login", wrongPassword).statusCode(401));
        long unknownMillis = medianMillis(() -> post("/api/auth/login", unknownUser).statusCode(401));
        assertThat(unknownMillis).isGreaterThanOrEqualTo(wrongMillis / 2);
    }

    @Test
    void refreshRotatesTheTokenAndKeepsTheSession() {
        TestUser user = TestUsers.register();

        JsonPath renewed = post("/api/auth/refresh", Map.of("refreshToken", user.refreshToken()))
                .statusCode(200)
                .body("user.id", equalTo(user.id().toString()))
                .extract().jsonPath();

        assertThat(renewed.getString("refreshToken")).isNotEqualTo(user.refreshToken());
        post("/api/auth/refresh", Map.of("refreshToken", renewed.getString("refreshToken"))).statusCode(200);
    }

    @Test
    void reusingARefreshTokenRevokesTheWholeSession() {
        TestUser user = TestUsers.register();
        String rotated = post("/api/auth/refresh", Map.of("refreshToken", user.refreshToken()))
                .statusCode(200).extract().path("refreshToken");

        problem(post("/api/auth/refresh", Map.of("refreshToken", user.refreshToken())), 401);

        // The thief's reuse also ends the legitimate holder's newer token: the session is gone.
        problem(post("/api/auth/refresh", Map.of("refreshToken", rotated)), 401);
        SessionRevoked revoked = UserEventsTopic.awaitEvent(user.id(), SessionRevoked.class, e -> true);
        assertThat(revoked.reason()).isEqualTo("refresh-token-reuse");
        // And its access tokens, which would otherwise live on for their whole lifetime.
        awaitRefused(user.accessToken());
    }

    @Test
    void refusesUnknownAndMissingRefreshTokens() {
        problem(post("/api/auth/refresh", Map.of("refreshToken", "not-a-token")), 401);
        problem(post("/api/auth/refresh", Map.of()), 400).body("errors[0].field", equalTo("refreshToken"));
    }

    @Test
    void logoutRevokesTheSessionAndPublishesIt() {
        TestUser user = TestUsers.register();
        String sessionId = JsonPath.from(new String(
                java.util.Base64.getUrlDecoder().decode(user.accessToken().split("\\.")[1]))).getString("sid");

        user.request().post("/api/auth/logout").then().statusCode(204);

        problem(post("/api/auth/refresh", Map.of("refreshToken", user.refreshToken())), 401);
        SessionRevoked revoked = UserEventsTopic.awaitEvent(user.id(), SessionRevoked.class, e -> true);
        assertThat(revoked.sessionId()).hasToString(sessionId);
        assertThat(revoked.reason()).isEqualTo("logout");
        // The session's access token is refused from now on, logging out again included.
        awaitRefused(user.accessToken());
        problem(user.request().post("/api/auth/logout").then(), 401);
    }

    @Test
    void aLoggedOutSessionsAccessTokenIsRefusedWithinASecondAndTheUsersOtherSessionIsNot() {
        TestUser user = TestUsers.register();
        String otherSession = TestUsers.login(user.username(), PASSWORD).getString("accessToken");
        given().auth().oauth2(user.accessToken()).get("/api/users/me").then().statusCode(200);

        user.request().post("/api/auth/logout").then().statusCode(204);

        awaitRefused(user.accessToken());
        given().auth().oauth2(otherSession).get("/api/users/me")
                .then().statusCode(200).body("id", equalTo(user.id().toString()));
    }

    @Test
    void logoutNeedsAValidAccessToken() {
        problem(given().post("/api/auth/logout").then(), 401)
                .header("WWW-Authenticate", "Bearer");
        problem(given().auth().oauth2("not.a.jwt").post("/api/auth/logout").then(), 401);
    }

    @Test
    void publishesTheSigningKeyAsAJwkSet() {
        TestUser user = TestUsers.register();
        String kid = JsonPath.from(new String(
                java.util.Base64.getUrlDecoder().decode(user.accessToken().split("\\.")[0]))).getString("kid");

        given().get("/api/auth/jwks").then().statusCode(200)
                .contentType(ContentType.JSON)
                .body("keys.kid", hasItem(kid))
                .body("keys.find { it.kid == '" + kid + "' }.kty", equalTo("RSA"))
                .body("keys.find { it.kid == '" + kid + "' }.alg", equalTo("RS256"))
                .body("keys.find { it.kid == '" + kid + "' }.d", equalTo(null));
    }

    private static ValidatableResponse post(String path, Map<String, ?> body) {
        return given().contentType(ContentType.JSON).body(body).when().post(path).then();
    }

    private static void refused(Map<String, String> body, String field) {
        problem(post("/api/auth/register", body), 400).body("errors.field", hasItem(field));
    }

    private static long medianMillis(Runnable call) {
        long[] millis = new long[3];
        for (int i = 0; i < millis.length; i++) {
            long start = System.nanoTime();
            call.run();
            millis[i] = (System.nanoTime() - start) / 1_000_000;
        }
        Arrays.sort(millis);
        return millis[1];
    }
}
