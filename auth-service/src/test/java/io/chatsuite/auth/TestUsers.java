package io.chatsuite.auth;

import static io.restassured.RestAssured.given;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import io.chatsuite.devstack.testing.SessionRevocations;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/** Accounts made through the real API, each with a fresh name so that tests never depend on each other. */
public final class TestUsers {

    public static final String PASSWORD = "correct horse battery staple";

    /** A registered user with the tokens of the session registration opened. */
    public record TestUser(UUID id, String username, String accessToken, String refreshToken) {

        /** A request made as this user. */
        public RequestSpecification request() {
            return given().auth().oauth2(accessToken).contentType(ContentType.JSON);
        }
    }

    private TestUsers() {
    }

    public static String uniqueUsername() {
        return "u" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
    }

    public static TestUser register() {
        return register(uniqueUsername(), null);
    }

    public static TestUser register(String username, String displayName) {
        Map<String, Object> body = new HashMap<>(Map.of("username", username, "password", PASSWORD));
        if (displayName != null) {
            body.put("displayName", displayName);
        }
        JsonPath json = given().contentType(ContentType.JSON).body(body)
                .when().post("/api/auth/register")
                .then().statusCode(201).extract().jsonPath();
        return new TestUser(UUID.fromString(json.getString("user.id")), username, json.getString("accessToken"),
                json.getString("refreshToken"));
    }

    /** The session ({@code sid}) an access token belongs to. */
    public static UUID sessionOf(String accessToken) {
        return UUID.fromString(JsonPath.from(new String(
                Base64.getUrlDecoder().decode(accessToken.split("\\.")[1]))).getString("sid"));
    }

    /** Within a second of its session's revocation, a still-unexpired access token answers 401 problem details. */
    public static void awaitRefused(String accessToken) {
        // Timed from now: the revocation committed before the call that caused it answered.
        SessionRevocations.awaitRefusedWithinBound(System.nanoTime(),
                () -> given().auth().oauth2(accessToken).get("/api/users/me").statusCode() == 401);
        Problems.problem(given().auth().oauth2(accessToken).get("/api/users/me").then(), 401)
                .header("WWW-Authenticate", "Bearer");
    }

    /** A new session for the user: the login response. */
    public static JsonPath login(String username, String password) {
        return given().contentType(ContentType.JSON).body(Map.of("username", username, "password", password))
                .when().post("/api/auth/login")
                .then().statusCode(200).extract().jsonPath();
    }
}
