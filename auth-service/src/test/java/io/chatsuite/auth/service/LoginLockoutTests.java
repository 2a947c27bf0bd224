package io.chatsuite.auth.service;

import static io.chatsuite.auth.Problems.problem;
import static io.restassured.RestAssured.given;

import io.chatsuite.auth.TestUsers;
import io.chatsuite.devstack.testing.LocalStackTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;

/**
 * Nobody can lock an owner out by failing on purpose: a username over its failure limit is refused only to addresses
 * that failed, while an address with no recent failures may still sign in with the right password. The window is
 * long here, so that nothing is forgiven while a test runs (forgiveness: {@link ThrottleTests}).
 */
@QuarkusTest
@WithTestResource(LocalStackTestResource.class)
@TestProfile(LoginLockoutTests.LongWindow.class)
class LoginLockoutTests {

    public static class LongWindow implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "auth.throttle.login-failures", "3",
                    "auth.throttle.login-window", "PT10M");
        }
    }

    @Test
    void anAttackerFailingOnPurposeDoesNotLockTheOwnerOutButStaysThrottled() {
        String username = TestUsers.uniqueUsername();
        register(username).then().statusCode(201);
        String attacker = randomAddress();
        for (int i = 0; i < 3; i++) {
            login(username, "wrong password", attacker).then().statusCode(401);
        }

        problem(login(username, TestUsers.PASSWORD, attacker).then(), 429);
        login(username, TestUsers.PASSWORD, randomAddress()).then().statusCode(200);
        login(username, TestUsers.PASSWORD, randomAddress()).then().statusCode(200);
        problem(login(username, TestUsers.PASSWORD, attacker).then(), 429);
        problem(login(username, "wrong password", attacker).then(), 429);
    }

    @Test
    void failuresSpreadOverAddressesLockTheUsernameOnlyForAddressesThatFailed() {
        String username = TestUsers.uniqueUsername();
        register(username).then().statusCode(201);
        String firstGuesser = randomAddress();
        login(username, "wrong password", firstGuesser).then().statusCode(401);
        login(username, "wrong password", randomAddress()).then().statusCode(401);
        login(username, "wrong password", randomAddress()).then().statusCode(401);

        // The username is over its limit: an address that failed is refused even with the right password...
        problem(login(username, TestUsers.PASSWORD, firstGuesser).then(), 429);
        // ...one that did not may still prove itself, and a fresh guesser gets one guess before it is refused too.
        login(username, TestUsers.PASSWORD, randomAddress()).then().statusCode(200);
        String freshGuesser = randomAddress();
        login(username, "wrong password", freshGuesser).then().statusCode(401);
        problem(login(username, TestUsers.PASSWORD, freshGuesser).then(), 429);
    }

    private static Response login(String username, String password, String address) {
        return given().header("X-Forwarded-For", address).contentType(ContentType.JSON)
                .body(Map.of("username", username, "password", password)).post("/api/auth/login");
    }

    private static Response register(String username) {
        return given().header("X-Forwarded-For", randomAddress()).contentType(ContentType.JSON)
                .body(Map.of("username", username, "password", TestUsers.PASSWORD)).post("/api/auth/register");
    }

    private static String randomAddress() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        return "10.%d.%d.%d".formatted(random.nextInt(256), random.nextInt(256), 1 + random.nextInt(254));
    }
}
