package io.chatsuite.auth.rest;

import static io.chatsuite.auth.Problems.problem;
import static io.chatsuite.auth.rest.FriendResourceTests.awaitFriendship;
import static io.chatsuite.auth.rest.FriendResourceTests.request;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;

import io.chatsuite.auth.TestUsers;
import io.chatsuite.auth.TestUsers.TestUser;
import io.chatsuite.auth.UserEventsTopic;
import io.chatsuite.contracts.user.BlockChanged;
import io.chatsuite.contracts.user.FriendshipChanged.FriendshipState;
import io.chatsuite.devstack.testing.LocalStackTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(LocalStackTestResource.class)
class BlockResourceTests {

    @Test
    void blockingEndsTheFriendshipAndStopsNewRequests() {
        TestUser alice = TestUsers.register();
        TestUser bob = TestUsers.register();
        request(alice, bob).then().statusCode(200);
        bob.request().post("/api/friends/requests/" + alice.id() + "/accept").then().statusCode(200);

        alice.request().put("/api/blocks/" + bob.id()).then().statusCode(204);

        alice.request().get("/api/friends").then().body("$", empty());
        bob.request().get("/api/friends").then().body("$", empty());
        alice.request().get("/api/blocks").then().statusCode(200).body("user.id", contains(bob.id().toString()));
        problem(request(bob, alice).then(), 403);
        problem(request(alice, bob).then(), 409).body("errors[0].field", equalTo("userId"));
        awaitFriendship(alice, bob, FriendshipState.NONE);
        UserEventsTopic.awaitEvent(alice.id(), BlockChanged.class,
                e -> e.blockedUserId().equals(bob.id()) && e.blocked());
    }

    @Test
    void blockingEndsPendingRequestsBothWays() {
        TestUser alice = TestUsers.register();
        TestUser bob = TestUsers.register();
        request(bob, alice).then().statusCode(200);

        alice.request().put("/api/blocks/" + bob.id()).then().statusCode(204);

        alice.request().get("/api/friends/requests/incoming").then().body("$", empty());
        bob.request().get("/api/friends/requests/outgoing").then().body("$", empty());
        awaitFriendship(alice, bob, FriendshipState.NONE);
    }

    @Test
    void unblockingAllowsRequestsAgain() {
        TestUser alice = TestUsers.register();
        TestUser bob = TestUsers.register();
        alice.request().put("/api/blocks/" + bob.id()).then().statusCode(204);

        alice.request().delete("/api/blocks/" + bob.id()).then().statusCode(204);

        alice.request().get("/api/blocks").then().body("$", empty());
        request(bob, alice).then().statusCode(200).body("state", equalTo("REQUESTED"));
        UserEventsTopic.awaitEvent(alice.id(), BlockChanged.class,
                e -> e.blockedUserId().equals(bob.id()) && !e.blocked());
    }

    @Test
    void blockingTwiceChangesNothing() {
        TestUser alice = TestUsers.register();
        TestUser bob = TestUsers.register();
        alice.request().put("/api/blocks/" + bob.id()).then().statusCode(204);
        UserEventsTopic.awaitEvent(alice.id(), BlockChanged.class, BlockChanged::blocked);

        alice.request().put("/api/blocks/" + bob.id()).then().statusCode(204);
        // A later, unrelated change of Alice's marks where her events are up to.
        alice.request().delete("/api/blocks/" + bob.id()).then().statusCode(204);

        UserEventsTopic.awaitEvent(alice.id(), BlockChanged.class, e -> !e.blocked());
        assertThat(UserEventsTopic.eventsOf(alice.id()).stream().filter(BlockChanged.class::isInstance)
                .map(BlockChanged.class::cast).filter(BlockChanged::blocked)).hasSize(1);
        alice.request().get("/api/blocks").then().body("$", empty());
    }

    @Test
    void refusesBlocksThatMakeNoSense() {
        TestUser alice = TestUsers.register();
        TestUser bob = TestUsers.register();

        problem(alice.request().put("/api/blocks/" + alice.id()).then(), 400);
        problem(alice.request().put("/api/blocks/" + UUID.randomUUID()).then(), 404);
        problem(alice.request().delete("/api/blocks/" + bob.id()).then(), 404);
        problem(given().put("/api/blocks/" + bob.id()).then(), 401);
        problem(given().get("/api/blocks").then(), 401);
    }
}
