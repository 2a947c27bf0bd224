package io.chatsuite.auth.rest;

import static io.chatsuite.auth.Problems.problem;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

import io.chatsuite.auth.TestUsers;
import io.chatsuite.auth.TestUsers.TestUser;
import io.chatsuite.auth.UserEventsTopic;
import io.chatsuite.contracts.user.FriendshipChanged;
import io.chatsuite.contracts.user.FriendshipChanged.FriendshipState;
import io.chatsuite.devstack.testing.LocalStackTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(LocalStackTestResource.class)
class FriendResourceTests {

    @Test
    void aRequestShowsOnBothSidesAndAcceptingMakesFriends() {
        TestUser alice = TestUsers.register();
        TestUser bob = TestUsers.register();

        request(alice, bob).then().statusCode(200)
                .body("userId", equalTo(bob.id().toString()))
                .body("state", equalTo("REQUESTED"));
        alice.request().get("/api/friends/requests/outgoing").then().statusCode(200)
                .body("user.id", contains(bob.id().toString()))
                .body("since", contains(notNullValue()));
        bob.request().get("/api/friends/requests/incoming").then().statusCode(200)
                .body("user.username", contains(alice.username()));
        awaitFriendship(alice, bob, FriendshipState.REQUESTED);

        bob.request().post("/api/friends/requests/" + alice.id() + "/accept").then().statusCode(200)
                .body("state", equalTo("FRIENDS"));

        alice.request().get("/api/friends").then().statusCode(200).body("user.id", contains(bob.id().toString()));
        bob.request().get("/api/friends").then().statusCode(200).body("user.id", contains(alice.id().toString()));
        bob.request().get("/api/friends/requests/incoming").then().body("$", empty());
        alice.request().get("/api/friends/requests/outgoing").then().body("$", empty());
        awaitFriendship(bob, alice, FriendshipState.FRIENDS);
    }

    @Test
    void askingSomeoneWhoAlreadyAskedYouMakesYouFriends() {
        TestUser alice = TestUsers.register();
        TestUser bob = TestUsers.register();
        request(alice, bob).then().statusCode(200);

        request(bob, alice).then().statusCode(200).body("state", equalTo("FRIENDS"));

        alice.request().get("/api/friends").then().body("user.id", contains(bob.id().toString()));
        awaitFriendship(bob, alice, FriendshipState.FRIENDS);
    }

    @Test
    void decliningEndsTheRequest() {
        TestUser alice = TestUsers.register();
        TestUser bob = TestUsers.register();
        request(alice, bob).then().statusCode(200);

        bob.request().post("/api/friends/requests/" + alice.id() + "/decline").then().statusCode(204);

        alice.request().get("/api/friends/requests/outgoing").then().body("$", empty());
        alice.request().get("/api/friends").then().body("$", empty());
        awaitFriendship(bob, alice, FriendshipState.NONE);
    }

    @Test
    void cancellingWithdrawsTheRequest() {
        TestUser alice = TestUsers.register();
        TestUser bob = TestUsers.register();
        request(alice, bob).then().statusCode(200);

        alice.request().delete("/api/friends/requests/" + bob.id()).then().statusCode(204);

        bob.request().get("/api/friends/requests/incoming").then().body("$", empty());
        awaitFriendship(alice, bob, FriendshipState.NONE);
    }

    @Test
    void removingAFriendEndsItForBoth() {
        TestUser alice = befriended();
        TestUser bob = TestUsers.register();
        request(alice, bob).then().statusCode(200);
        bob.request().post("/api/friends/requests/" + alice.id() + "/accept").then().statusCode(200);

        bob.request().delete("/api/friends/" + alice.id()).then().statusCode(204);

        alice.request().get("/api/friends").then().body("user.id", contains(notNullValue()));
        bob.request().get("/api/friends").then().body("$", empty());
        awaitFriendship(bob, alice, FriendshipState.NONE);
    }

    @Test
    void refusesRequestsThatMakeNoSense() {
        TestUser alice = TestUsers.register();
        TestUser bob = TestUsers.register();

        problem(request(alice, alice).then(), 400).body("errors[0].field", equalTo("userId"));
        problem(alice.request().body(Map.of()).post("/api/friends/requests").then(), 400)
                .body("errors[0].field", equalTo("userId"));
        problem(alice.request().body(Map.of("userId", "not-a-uuid")).post("/api/friends/requests").then(), 400)
                .body("errors[0].field", equalTo("userId"));
        problem(alice.request().body(Map.of("userId", UUID.randomUUID())).post("/api/friends/requests").then(), 404);

        request(alice, bob).then().statusCode(200);
        problem(request(alice, bob).then(), 409);
        bob.request().post("/api/friends/requests/" + alice.id() + "/accept").then().statusCode(200);
        problem(request(alice, bob).then(), 409);
        problem(request(bob, alice).then(), 409);
    }

    @Test
    void answersNotFoundForRequestsAndFriendsThatDoNotExist() {
        TestUser alice = TestUsers.register();
        TestUser bob = TestUsers.register();

        problem(alice.request().post("/api/friends/requests/" + bob.id() + "/accept").then(), 404);
        problem(alice.request().post("/api/friends/requests/" + bob.id() + "/decline").then(), 404);
        problem(alice.request().delete("/api/friends/requests/" + bob.id()).then(), 404);
        problem(alice.request().delete("/api/friends/" + bob.id()).then(), 404);
        problem(alice.request().post("/api/friends/requests/" + UUID.randomUUID() + "/accept").then(), 404);
        // Accepting one's own request is not a thing either.
        request(alice, bob).then().statusCode(200);
        problem(alice.request().post("/api/friends/requests/" + bob.id() + "/accept").then(), 404);
        alice.request().get("/api/friends").then().body("$", empty());
    }

    @Test
    void everyFriendEndpointNeedsAToken() {
        problem(given().get("/api/friends").then(), 401);
        problem(given().get("/api/friends/requests/incoming").then(), 401);
        problem(given().contentType("application/json").body(Map.of("userId", UUID.randomUUID()))
                .post("/api/friends/requests").then(), 401);
        problem(given().post("/api/friends/requests/" + UUID.randomUUID() + "/accept").then(), 401);
    }

    /** A user who already has one friend. */
    private static TestUser befriended() {
        TestUser user = TestUsers.register();
        TestUser friend = TestUsers.register();
        request(user, friend).then().statusCode(200);
        friend.request().post("/api/friends/requests/" + user.id() + "/accept").then().statusCode(200);
        return user;
    }

    static io.restassured.response.Response request(TestUser from, TestUser to) {
        return from.request().body(Map.of("userId", to.id())).post("/api/friends/requests");
    }

    static void awaitFriendship(TestUser actor, TestUser other, FriendshipState state) {
        UserEventsTopic.awaitEvent(actor.id(), FriendshipChanged.class,
                e -> e.otherUserId().equals(other.id()) && e.state() == state);
    }
}
