package io.chatsuite.auth.rest;

import static io.chatsuite.auth.Problems.problem;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;

import io.chatsuite.auth.TestUsers;
import io.chatsuite.auth.TestUsers.TestUser;
import io.chatsuite.auth.UserEventsTopic;
import io.chatsuite.contracts.user.ProfileUpdated;
import io.chatsuite.devstack.testing.LocalStackTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(LocalStackTestResource.class)
class UserResourceTests {

    @Test
    void answersTheCallersOwnProfile() {
        String username = TestUsers.uniqueUsername();
        TestUser user = TestUsers.register(username, "Grace");

        user.request().get("/api/users/me").then().statusCode(200)
                .body("id", equalTo(user.id().toString()))
                .body("username", equalTo(username))
                .body("displayName", equalTo("Grace"));
    }

    @Test
    void everyProfileEndpointNeedsAToken() {
        problem(given().get("/api/users/me").then(), 401);
        problem(given().contentType("application/json").body(Map.of("displayName", "x"))
                .patch("/api/users/me").then(), 401);
        problem(given().get("/api/users/" + UUID.randomUUID()).then(), 401);
        problem(given().queryParam("q", "a").get("/api/users").then(), 401);
    }

    @Test
    void changingTheDisplayNamePublishesTheNewProfile() {
        TestUser user = TestUsers.register();

        // "e" + combining acute accent is stored in its composed form (NFC), trimmed.
        user.request().body(Map.of("displayName", "  Ame\u0301lie 🌸 ")).patch("/api/users/me")
                .then().statusCode(200).body("displayName", equalTo("Am\u00e9lie 🌸"));

        user.request().get("/api/users/me").then().body("displayName", equalTo("Am\u00e9lie 🌸"));
        ProfileUpdated event = UserEventsTopic.awaitEvent(user.id(), ProfileUpdated.class, e -> true);
        assertThat(event.displayName()).isEqualTo("Am\u00e9lie 🌸");
        assertThat(event.username()).isEqualTo(user.username());
    }

    @Test
    void settingAndRemovingTheAvatarPublishesTheProfileWithIt() {
        TestUser user = TestUsers.register();
        TestUser other = TestUsers.register();
        UUID avatar = UUID.randomUUID();

        user.request().body(Map.of("avatarId", avatar)).put("/api/users/me/avatar")
                .then().statusCode(200).body("avatarId", equalTo(avatar.toString()));

        other.request().get("/api/users/" + user.id()).then().statusCode(200)
                .body("avatarId", equalTo(avatar.toString()));
        UserEventsTopic.awaitEvent(user.id(), ProfileUpdated.class, e -> avatar.equals(e.avatarId()));

        user.request().delete("/api/users/me/avatar").then().statusCode(200).body("avatarId", nullValue());
        other.request().get("/api/users/" + user.id()).then().body("avatarId", nullValue());
        UserEventsTopic.awaitEvent(user.id(), ProfileUpdated.class,
                e -> e.avatarId() == null && e.occurredAt() != null);
    }

    @Test
    void refusesAnAvatarThatIsNotAnIdByName() {
        TestUser user = TestUsers.register();

        problem(user.request().body(Map.of()).put("/api/users/me/avatar").then(), 400)
                .body("errors[0].field", equalTo("avatarId"));
        problem(user.request().body("{\"avatarId\": \"not-an-id\"}").put("/api/users/me/avatar").then(), 400);
        problem(given().contentType("application/json").body(Map.of("avatarId", UUID.randomUUID()))
                .put("/api/users/me/avatar").then(), 401);
    }

    @Test
    void refusesInvalidDisplayNamesByName() {
        TestUser user = TestUsers.register();

        for (String invalid : new String[] {"", "   ", "x".repeat(65), "tab\there", "new\nline", "\u2028"}) {
            problem(user.request().body(Map.of("displayName", invalid)).patch("/api/users/me").then(), 400)
                    .body("errors[0].field", equalTo("displayName"));
        }
        problem(user.request().body(Map.of()).patch("/api/users/me").then(), 400)
                .body("errors[0].field", equalTo("displayName"));
        user.request().get("/api/users/me").then().body("displayName", equalTo(user.username()));
    }

    @Test
    void answersAnyUserByIdAndNotFoundForNobody() {
        TestUser caller = TestUsers.register();
        TestUser other = TestUsers.register(TestUsers.uniqueUsername(), "Other One");

        caller.request().get("/api/users/" + other.id()).then().statusCode(200)
                .body("username", equalTo(other.username()))
                .body("displayName", equalTo("Other One"));
        problem(caller.request().get("/api/users/" + UUID.randomUUID()).then(), 404);
    }

    @Test
    void searchesUsernameAndDisplayNamePrefixesIgnoringCase() {
        String prefix = "s" + UUID.randomUUID().toString().substring(0, 8);
        TestUser byName = TestUsers.register(prefix + "_b", null);
        TestUser byDisplayName = TestUsers.register(TestUsers.uniqueUsername(), prefix.toUpperCase() + " Display");
        TestUser alsoByName = TestUsers.register(prefix + "_a", null);
        TestUser caller = TestUsers.register();

        caller.request().queryParam("q", prefix.toUpperCase()).get("/api/users").then().statusCode(200)
                .body("items.id", hasSize(3))
                .body("items.id", hasItem(byDisplayName.id().toString()))
                .body("items.username", hasItem(byName.username()))
                .body("items.username", hasItem(alsoByName.username()))
                .body("hasMore", equalTo(false));
    }

    @Test
    void searchPagesAreOrderedAndSayWhetherMoreFollow() {
        String prefix = "p" + UUID.randomUUID().toString().substring(0, 8);
        for (String suffix : new String[] {"c", "a", "b"}) {
            TestUsers.register(prefix + suffix, null);
        }
        TestUser caller = TestUsers.register();

        caller.request().queryParam("q", prefix).queryParam("size", 2).get("/api/users").then().statusCode(200)
                .body("items.username", contains(prefix + "a", prefix + "b"))
                .body("page", equalTo(0))
                .body("size", equalTo(2))
                .body("hasMore", equalTo(true));
        caller.request().queryParam("q", prefix).queryParam("size", 2).queryParam("page", 1).get("/api/users")
                .then().statusCode(200)
                .body("items.username", contains(prefix + "c"))
                .body("hasMore", equalTo(false));
    }

    @Test
    void searchTakesWildcardsLiterally() {
        TestUser caller = TestUsers.register();

        caller.request().queryParam("q", "%").get("/api/users").then().statusCode(200).body("items", hasSize(0));
        caller.request().queryParam("q", "_").get("/api/users").then().statusCode(200).body("items", hasSize(0));
    }

    @Test
    void searchRefusesBadParametersByName() {
        TestUser caller = TestUsers.register();

        problem(caller.request().get("/api/users").then(), 400).body("errors[0].field", equalTo("q"));
        problem(caller.request().queryParam("q", "a").queryParam("size", 51).get("/api/users").then(), 400)
                .body("errors[0].field", equalTo("size"));
        problem(caller.request().queryParam("q", "a").queryParam("size", 0).get("/api/users").then(), 400)
                .body("errors[0].field", equalTo("size"));
        problem(caller.request().queryParam("q", "a").queryParam("page", -1).get("/api/users").then(), 400)
                .body("errors[0].field", equalTo("page"));
        // Not numbers at all, or too big for any integer: still a 400 naming the parameter, never a 404.
        problem(caller.request().queryParam("q", "a").queryParam("page", "abc").get("/api/users").then(), 400)
                .body("errors[0].field", equalTo("page"));
        problem(caller.request().queryParam("q", "a").queryParam("page", "99999999999999999999").get("/api/users")
                .then(), 400).body("errors[0].field", equalTo("page"));
        problem(caller.request().queryParam("q", "a").queryParam("size", "2147483648").get("/api/users").then(), 400)
                .body("errors[0].field", equalTo("size"));
    }
}
