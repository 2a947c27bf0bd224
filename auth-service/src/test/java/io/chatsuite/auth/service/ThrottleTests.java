package io.chatsuite.auth.service;

import static io.chatsuite.auth.Problems.problem;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.chatsuite.auth.TestUsers;
import io.chatsuite.devstack.testing.LocalStackTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;

/**
 * Throttles count in PostgreSQL per username and per client address (from X-Forwarded-For, which this machine is
 * trusted to send as the gateway would), answer 429 with Retry-After, and let through again after the window. Who
 * is refused while a username is over its limit: {@link LoginLockoutTests}.
 */
@QuarkusTest
@WithTestResource(LocalStackTestResource.class)
@TestProfile(ThrottleTests.ShortWindows.class)
class ThrottleTests {

    /** Short enough to see forgiveness, long enough that a loaded machine's slow logins stay within one window. */
    public static class ShortWindows implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "auth.throttle.login-failures", "3",
                    "auth.throttle.login-window", "PT10S",
                    "auth.throttle.registrations", "2",
                    "auth.throttle.registration-window", "PT10S");
        }
    }

    @Test
    void aUsernameLockedByFailuresIsForgivenAfterTheWindow() {
        String username = TestUsers.uniqueUsername();
        register(username, randomAddress()).then().statusCode(201);
        String guesser = randomAddress();
        for (int i = 0; i < 3; i++) {
            login(username, "wrong password", i == 0 ? guesser : randomAddress()).then().statusCode(401);
        }

        Response throttled = login(username, TestUsers.PASSWORD, guesser);

        problem(throttled.then(), 429);
        assertThat(Integer.parseInt(throttled.header("Retry-After"))).isBetween(1, 10);
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1))
                .until(() -> login(username, TestUsers.PASSWORD, guesser).statusCode() == 200);
    }

    @Test
    void failedLoginsFromOneAddressAreThrottledForAnyUsernameThenForgiven() {
        String address = randomAddress();
        for (int i = 0; i < 3; i++) {
            login(TestUsers.uniqueUsername(), "wrong password", address).then().statusCode(401);
        }

        problem(login(TestUsers.uniqueUsername(), "wrong password", address).then(), 429);
        login(TestUsers.uniqueUsername(), "wrong password", randomAddress()).then().statusCode(401);

        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1))
                .until(() -> login(TestUsers.uniqueUsername(), "wrong password", address).statusCode() == 401);
    }

    @Test
    void registrationsFromOneAddressAreThrottledThenAllowedAgain() {
        String address = randomAddress();
        register(TestUsers.uniqueUsername(), address).then().statusCode(201);
        register(TestUsers.uniqueUsername(), address).then().statusCode(201);

        Response throttled = register(TestUsers.uniqueUsername(), address);

        problem(throttled.then(), 429);
        assertThat(throttled.header("Retry-After")).isNotNull();
        register(TestUsers.uniqueUsername(), randomAddress()).then().statusCode(201);
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1))
                .until(() -> register(TestUsers.uniqueUsername(), address).statusCode() == 201);
    }

    private static Response login(String username, String password, String address) {
        return given().header("X-Forwarded-For", address).contentType(ContentType.JSON)
                .body(Map.of("username", username, "password", password)).post("/api/auth/login");
    }

    private static Response register(String username, String address) {
        return given().header("X-Forwarded-For", address).contentType(ContentType.JSON)
                .body(Map.of("username", username, "password", TestUsers.PASSWORD)).post("/api/auth/register");
    }

    private static String randomAddress() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        return "10.%d.%d.%d".formatted(random.nextInt(256), random.nextInt(256), 1 + random.nextInt(254));
    }
}
