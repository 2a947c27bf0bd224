package io.chatsuite.auth.rest;

import static io.chatsuite.auth.Problems.problem;
import static io.chatsuite.auth.TestUsers.PASSWORD;
import static io.chatsuite.auth.TestUsers.awaitRefused;
import static io.chatsuite.auth.TestUsers.sessionOf;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;

import io.chatsuite.auth.TestUsers;
import io.chatsuite.auth.TestUsers.TestUser;
import io.chatsuite.auth.UserEventsTopic;
import io.chatsuite.contracts.user.BlockChanged;
import io.chatsuite.contracts.user.FriendshipChanged;
import io.chatsuite.contracts.user.FriendshipChanged.FriendshipState;
import io.chatsuite.contracts.user.ProfileUpdated;
import io.chatsuite.contracts.user.UserDeleted;
import io.chatsuite.contracts.user.SessionRevoked;
import io.chatsuite.devstack.testing.LocalStackTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.ValidatableResponse;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(LocalStackTestResource.class)
class AccountResourceTests {

    private static final String NEW_PASSWORD = "a much longer passphrase now";

    @Test
    void changingThePasswordSignsOutEveryOtherSessionAndKeepsThisOne() {
        TestUser user = TestUsers.register();
        JsonPath other = TestUsers.login(user.username(), PASSWORD);
        String otherToken = other.getString("accessToken");

        user.request().body(Map.of("currentPassword", PASSWORD, "newPassword", NEW_PASSWORD))
                .post("/api/auth/password").then().statusCode(204);

        awaitRefused(otherToken);
        problem(refresh(other.getString("refreshToken")), 401);
        SessionRevoked revoked = UserEventsTopic.awaitEvent(user.id(), SessionRevoked.class,
                e -> e.sessionId().equals(sessionOf(otherToken)));
        assertThat(revoked.reason()).isEqualTo("password-changed");
        user.request().get("/api/users/me").then().statusCode(200);
        refresh(user.refreshToken()).statusCode(200);
        problem(login(user.username(), PASSWORD), 401);
        login(user.username(), NEW_PASSWORD).statusCode(200);
    }

    @Test
    void aWrongCurrentPasswordIsRefusedByNameAndChangesNothing() {
        TestUser user = TestUsers.register();
        String other = TestUsers.login(user.username(), PASSWORD).getString("accessToken");

        problem(user.request().body(Map.of("currentPassword", "not the password", "newPassword", NEW_PASSWORD))
                .post("/api/auth/password").then(), 400)
                .body("errors[0].field", equalTo("currentPassword"));

        login(user.username(), PASSWORD).statusCode(200);
        given().auth().oauth2(other).get("/api/users/me").then().statusCode(200);
    }

    @Test
    void theNewPasswordFollowsTheRegistrationRules() {
        TestUser user = TestUsers.register();

        refusedNewPassword(user, "short");
        refusedNewPassword(user, "x".repeat(129));
        refusedNewPassword(user, "Password123");
        problem(user.request().body(Map.of("newPassword", NEW_PASSWORD)).post("/api/auth/password").then(), 400)
                .body("errors.field", hasItem("currentPassword"));
        login(user.username(), PASSWORD).statusCode(200);
    }

    @Test
    void listsTheLiveSessionsWithDeviceAddressAndWhichIsThisOne() {
        String username = TestUsers.uniqueUsername();
        String phone = given().contentType(ContentType.JSON).header("User-Agent", "Phone/1.0")
                .body(Map.of("username", username, "password", PASSWORD)).post("/api/auth/register")
                .then().statusCode(201).extract().path("accessToken");
        JsonPath laptop = given().contentType(ContentType.JSON).header("User-Agent", "Laptop/2.0")
                .body(Map.of("username", username, "password", PASSWORD)).post("/api/auth/login")
                .then().statusCode(200).extract().jsonPath();
        String laptopToken = laptop.getString("accessToken");

        JsonPath sessions = given().auth().oauth2(phone).get("/api/auth/sessions")
                .then().statusCode(200).body("", hasSize(2)).extract().jsonPath();

        // Most recently used first: the laptop signed in last.
        assertThat(sessions.getString("[0].id")).isEqualTo(sessionOf(laptopToken).toString());
        assertThat(sessions.getString("[0].userAgent")).isEqualTo("Laptop/2.0");
        assertThat(sessions.getBoolean("[0].current")).isFalse();
        assertThat(sessions.getString("[1].id")).isEqualTo(sessionOf(phone).toString());
        assertThat(sessions.getString("[1].userAgent")).isEqualTo("Phone/1.0");
        assertThat(sessions.getBoolean("[1].current")).isTrue();
        assertThat(sessions.getString("[1].address")).isEqualTo("127.0.0.1");
        assertThat(sessions.getString("[1].createdAt")).isNotBlank();
        assertThat(sessions.getString("[1].lastUsedAt")).isNotBlank();
    }

    @Test
    void aRefreshIsTheSessionsLastUse() {
        TestUser user = TestUsers.register();
        TestUsers.login(user.username(), PASSWORD);

        refresh(user.refreshToken()).statusCode(200);

        given().auth().oauth2(user.accessToken()).get("/api/auth/sessions").then().statusCode(200)
                .body("[0].id", equalTo(sessionOf(user.accessToken()).toString()));
    }

    @Test
    void signsOutOneOtherSession() {
        TestUser user = TestUsers.register();
        JsonPath other = TestUsers.login(user.username(), PASSWORD);
        String otherToken = other.getString("accessToken");

        user.request().delete("/api/auth/sessions/" + sessionOf(otherToken)).then().statusCode(204);

        awaitRefused(otherToken);
        problem(refresh(other.getString("refreshToken")), 401);
        assertThat(UserEventsTopic.awaitEvent(user.id(), SessionRevoked.class,
                e -> e.sessionId().equals(sessionOf(otherToken))).reason()).isEqualTo("signed-out-by-user");
        user.request().get("/api/auth/sessions").then().statusCode(200)
                .body("", hasSize(1)).body("[0].current", equalTo(true));
        // Ended, so no longer there to end.
        problem(user.request().delete("/api/auth/sessions/" + sessionOf(otherToken)).then(), 404);
    }

    @Test
    void cannotSignOutAnotherUsersSession() {
        TestUser user = TestUsers.register();
        TestUser stranger = TestUsers.register();

        problem(user.request().delete("/api/auth/sessions/" + sessionOf(stranger.accessToken())).then(), 404);
        problem(user.request().delete("/api/auth/sessions/" + UUID.randomUUID()).then(), 404);
        stranger.request().get("/api/users/me").then().statusCode(200);
    }

    @Test
    void signingOutEverywhereEndsEverySessionThisOneToo() {
        TestUser user = TestUsers.register();
        JsonPath other = TestUsers.login(user.username(), PASSWORD);

        user.request().delete("/api/auth/sessions").then().statusCode(204);

        awaitRefused(user.accessToken());
        awaitRefused(other.getString("accessToken"));
        problem(refresh(user.refreshToken()), 401);
        problem(refresh(other.getString("refreshToken")), 401);
        login(user.username(), PASSWORD).statusCode(200);
    }

    @Test
    void deletingTheAccountNeedsThePassword() {
        TestUser user = TestUsers.register();

        problem(user.request().body(Map.of("password", "not the password"))
                .post("/api/auth/account/deletion").then(), 400)
                .body("errors[0].field", equalTo("password"));

        login(user.username(), PASSWORD).statusCode(200);
        user.request().get("/api/users/me").then().statusCode(200).body("username", equalTo(user.username()));
    }

    @Test
    void aDeletedAccountIsAnonymisedSignedOutAndCannotSignIn() {
        TestUser user = TestUsers.register(TestUsers.uniqueUsername(), "Grace Hopper");
        JsonPath other = TestUsers.login(user.username(), PASSWORD);
        TestUser friend = TestUsers.register();
        TestUser blocker = TestUsers.register();
        TestUser blocked = TestUsers.register();
        TestUser asked = TestUsers.register();
        befriend(user, friend);
        blocker.request().put("/api/blocks/" + user.id()).then().statusCode(204);
        user.request().put("/api/blocks/" + blocked.id()).then().statusCode(204);
        user.request().body(Map.of("userId", asked.id())).post("/api/friends/requests").then().statusCode(200);

        user.request().body(Map.of("password", PASSWORD)).post("/api/auth/account/deletion").then().statusCode(204);

        awaitRefused(user.accessToken());
        awaitRefused(other.getString("accessToken"));
        problem(login(user.username(), PASSWORD), 401);
        problem(refresh(user.refreshToken()), 401);
        // The id stays (kept messages name it), the person behind it does not.
        String tombstone = friend.request().get("/api/users/" + user.id()).then().statusCode(200)
                .body("displayName", equalTo("Deleted user"))
                .body("username", startsWith("deleted-user-"))
                .extract().path("username");
        problem(login(tombstone, PASSWORD), 401);
        ProfileUpdated profile = UserEventsTopic.awaitEvent(user.id(), ProfileUpdated.class, e -> true);
        assertThat(profile.displayName()).isEqualTo("Deleted user");
        assertThat(profile.avatarId()).isNull();
        // chat-service takes the user out of their conversations on this one.
        UserEventsTopic.awaitEvent(user.id(), UserDeleted.class, e -> true);
        assertThat(profile.username()).isEqualTo(tombstone);
        friend.request().queryParam("q", tombstone).get("/api/users").then().statusCode(200).body("items", empty());
        // Friendships, requests and blocks are gone in both directions, and published as gone.
        friend.request().get("/api/friends").then().statusCode(200).body("user.id", not(hasItem(user.id().toString())));
        asked.request().get("/api/friends/requests/incoming").then().statusCode(200).body("", empty());
        blocker.request().get("/api/blocks").then().statusCode(200).body("", empty());
        UserEventsTopic.awaitEvent(user.id(), FriendshipChanged.class,
                e -> e.otherUserId().equals(friend.id()) && e.state() == FriendshipState.NONE);
        UserEventsTopic.awaitEvent(user.id(), FriendshipChanged.class,
                e -> e.otherUserId().equals(asked.id()) && e.state() == FriendshipState.NONE);
        UserEventsTopic.awaitEvent(user.id(), BlockChanged.class,
                e -> e.blockedUserId().equals(blocked.id()) && !e.blocked());
        UserEventsTopic.awaitEvent(blocker.id(), BlockChanged.class,
                e -> e.blockedUserId().equals(user.id()) && !e.blocked());
        // Nobody can start anything with it any more.
        problem(friend.request().body(Map.of("userId", user.id())).post("/api/friends/requests").then(), 404);
        // The username is free for someone else.
        TestUsers.register(user.username(), null);
    }

    @Test
    void tombstoneUsernamesAreReserved() {
        problem(given().contentType(ContentType.JSON)
                .body(Map.of("username", "Deleted-User-0123456789ab", "password", PASSWORD))
                .post("/api/auth/register").then(), 400)
                .body("errors[0].field", equalTo("username"));
    }

    @Test
    void everyEndpointNeedsAnAccessToken() {
        problem(given().get("/api/auth/sessions").then(), 401);
        problem(given().delete("/api/auth/sessions/" + UUID.randomUUID()).then(), 401);
        problem(given().delete("/api/auth/sessions").then(), 401);
        problem(given().contentType(ContentType.JSON).body(Map.of("currentPassword", PASSWORD,
                "newPassword", NEW_PASSWORD)).post("/api/auth/password").then(), 401);
        problem(given().contentType(ContentType.JSON).body(Map.of("password", PASSWORD))
                .post("/api/auth/account/deletion").then(), 401);
    }

    private static void befriend(TestUser one, TestUser other) {
        one.request().body(Map.of("userId", other.id())).post("/api/friends/requests").then().statusCode(200);
        other.request().post("/api/friends/requests/" + one.id() + "/accept").then().statusCode(200);
    }

    private static void refusedNewPassword(TestUser user, String newPassword) {
        problem(user.request().body(Map.of("currentPassword", PASSWORD, "newPassword", newPassword))
                .post("/api/auth/password").then(), 400)
                .body("errors.field", hasItem("newPassword"));
    }

    private static ValidatableResponse login(String username, String password) {
        return given().contentType(ContentType.JSON).body(Map.of("username", username, "password", password))
                .post("/api/auth/login").then();
    }

    private static ValidatableResponse refresh(String refreshToken) {
        return given().contentType(ContentType.JSON).body(Map.of("refreshToken", refreshToken))
                .post("/api/auth/refresh").then();
    }
}
