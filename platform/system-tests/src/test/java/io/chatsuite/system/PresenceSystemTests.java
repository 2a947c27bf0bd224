package io.chatsuite.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.chatsuite.system.SuiteApi.Account;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Presence and typing across the whole suite with two gateway nodes as real processes, at the production settings:
 * the 30 s node timeout and the 5 s flap grace.
 */
class PresenceSystemTests extends TwoGatewaySuite {

    /** The design's bound: a dead node's users show offline within this of its death. */
    private static final Duration NODE_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration GRACE = Duration.ofSeconds(5);

    @BeforeEach
    void everyInstanceIsUp() {
        // A test may have killed a process; the launcher restarts it.
        suite.awaitEveryInstanceReady(Duration.ofMinutes(2));
    }

    @Test
    void aFriendSeesOnlineAwayAndOfflineAndAStrangerSeesNothing() throws Exception {
        Account alice = api.register("alice");
        Account bob = api.register("bob");
        Account stranger = api.register("stranger");
        friends(alice, bob);
        try (ChatClient bobOnA = listening(nodeA, bob);
             ChatClient strangerOnA = listening(nodeA, stranger)) {
            try (ChatClient aliceOnB = ChatClient.connect(nodeB, alice.token())) {
                awaitStatus(bobOnA, alice, "online");
                aliceOnB.send("{\"type\":\"idle\",\"id\":\"i1\",\"idle\":true}");
                awaitStatus(bobOnA, alice, "away");
                aliceOnB.send("{\"type\":\"idle\",\"id\":\"i2\",\"idle\":false}");
                await().atMost(Duration.ofSeconds(20)).until(() -> bobOnA.statusesOf(alice.id()).size() == 3);
            }
            awaitStatus(bobOnA, alice, "offline");

            assertThat(bobOnA.statusesOf(alice.id())).containsExactly("online", "away", "online", "offline");
            JsonNode seen = api.call("GET", "/api/presence/" + alice.id(), bob.token(), null, 200);
            assertThat(seen.path("status").asText()).isEqualTo("offline");
            assertThat(Instant.parse(seen.path("lastSeenAt").asText())).isBefore(Instant.now());
            assertThat(strangerOnA.frames("presence")).isEmpty();
            assertThat(api.send("GET", "/api/presence/" + alice.id(), stranger.token(), null).statusCode())
                    .isEqualTo(404);
            assertThat(api.call("GET", "/api/presence?ids=" + alice.id() + "," + bob.id(), stranger.token(), null,
                    200)).isEmpty();
        }
    }

    @Test
    void aUserWithTwoDevicesOnTwoNodesStaysOnlineUntilBothClose() throws Exception {
        Account alice = api.register("alice");
        Account bob = api.register("bob");
        friends(alice, bob);
        try (ChatClient bobOnA = listening(nodeA, bob);
             ChatClient phoneOnB = ChatClient.connect(nodeB, alice.token())) {
            try (ChatClient laptopOnA = ChatClient.connect(nodeA, alice.token())) {
                awaitStatus(bobOnA, alice, "online");
            }
            // Past the grace: an offline would have been announced by now had the phone not counted.
            await("alice stays online past the grace").during(GRACE.plusSeconds(3)).atMost(GRACE.plusSeconds(6))
                    .until(() -> bobOnA.statusesOf(alice.id()).equals(List.of("online")));
            assertThat(api.call("GET", "/api/presence/" + alice.id(), bob.token(), null, 200).path("status")
                    .asText()).isEqualTo("online");

            phoneOnB.close();
            awaitStatus(bobOnA, alice, "offline");
            assertThat(bobOnA.statusesOf(alice.id())).containsExactly("online", "offline");
        }
    }

    @Test
    void aQuickReconnectToTheOtherNodeShowsNoOfflineFlash() throws Exception {
        Account alice = api.register("alice");
        Account bob = api.register("bob");
        friends(alice, bob);
        try (ChatClient bobOnA = listening(nodeA, bob)) {
            ChatClient first = ChatClient.connect(nodeA, alice.token());
            awaitStatus(bobOnA, alice, "online");
            first.close();
            try (ChatClient again = ChatClient.connect(nodeB, alice.token())) {
                await("no offline flash past the grace").during(GRACE.plusSeconds(3)).atMost(GRACE.plusSeconds(6))
                        .until(() -> bobOnA.statusesOf(alice.id()).equals(List.of("online")));
            }
        }
    }

    @Test
    void typingReachesTheOtherMembersOnlyAndStopsByItself() throws Exception {
        Account alice = api.register("alice");
        Account bob = api.register("bob");
        Account friendOutside = api.register("carol");
        friends(alice, friendOutside);
        String room = api.room(alice, "Typing", bob);
        awaitVisible(bob, alice);
        try (ChatClient bobOnB = listening(nodeB, bob);
             ChatClient carolOnA = listening(nodeA, friendOutside);
             ChatClient aliceOnA = ChatClient.connect(nodeA, alice.token())) {
            // Both hear alice come online: their channels are subscribed, so nothing below can miss them.
            awaitStatus(bobOnB, alice, "online");
            awaitStatus(carolOnA, alice, "online");
            aliceOnA.send("{\"type\":\"typing\",\"id\":\"t1\",\"conversationId\":\"" + room + "\"}");
            aliceOnA.send("{\"type\":\"typing\",\"id\":\"t2\",\"conversationId\":\"" + room + "\"}");
            Instant started = Instant.now();

            await().atMost(Duration.ofSeconds(20)).until(() -> typing(bobOnB, room, alice).contains("false"));
            assertThat(Duration.between(started, Instant.now())).as("expired, not stopped")
                    .isGreaterThanOrEqualTo(Duration.ofSeconds(4));
            assertThat(typing(bobOnB, room, alice)).containsExactly("true", "false");
            assertThat(carolOnA.frames("typing")).isEmpty();
            assertThat(aliceOnA.frames("typing")).isEmpty();
        }
    }

    @Test
    void killingAGatewayNodeTakesItsUsersOfflineWithinTheBound() throws Exception {
        Account alice = api.register("alice");
        Account bob = api.register("bob");
        friends(alice, bob);
        try (ChatClient bobOnA = listening(nodeA, bob);
             ChatClient aliceOnB = ChatClient.connect(nodeB, alice.token())) {
            awaitStatus(bobOnA, alice, "online");

            ProcessHandle node = suite.instanceProcess("gateway-service-2").orElseThrow();
            node.destroyForcibly();
            node.onExit().get(30, java.util.concurrent.TimeUnit.SECONDS);
            Instant killed = Instant.now();

            await().atMost(NODE_TIMEOUT.plusSeconds(15)).until(() -> bobOnA.statusesOf(alice.id()).contains("offline"));
            Duration took = Duration.between(killed, Instant.now());
            assertThat(took).as("offline within the node timeout of the kill").isLessThanOrEqualTo(NODE_TIMEOUT);
            // No close was ever sent: only the missing heartbeats can have told presence-service.
            assertThat(took).isGreaterThan(NODE_TIMEOUT.dividedBy(3));
        }
    }

    @Test
    void presenceIsRightAgainAfterPresenceServiceRestarts() throws Exception {
        Account alice = api.register("alice");
        Account bob = api.register("bob");
        Account carol = api.register("carol");
        friends(alice, bob);
        friends(carol, bob);
        try (ChatClient bobOnA = listening(nodeA, bob)) {
            ChatClient aliceOnB = ChatClient.connect(nodeB, alice.token());
            awaitStatus(bobOnA, alice, "online");

            ProcessHandle presence = suite.serviceProcess("presence-service");
            presence.destroyForcibly();
            presence.onExit().get(30, java.util.concurrent.TimeUnit.SECONDS);
            // While it is down: alice leaves, carol arrives.
            aliceOnB.close();
            try (ChatClient carolOnB = ChatClient.connect(nodeB, carol.token())) {
                suite.awaitEveryInstanceReady(Duration.ofMinutes(2));

                awaitStatus(bobOnA, alice, "offline");
                awaitStatus(bobOnA, carol, "online");
                assertThat(api.call("GET", "/api/presence?ids=" + alice.id() + "," + carol.id(), bob.token(), null,
                        200)).extracting(p -> p.path("status").asText()).containsExactly("offline", "online");
                // Nodes that lived through the restart were not declared dead: bob is still online to carol.
                assertThat(api.call("GET", "/api/presence/" + bob.id(), carol.token(), null, 200).path("status")
                        .asText()).isEqualTo("online");
            }
            awaitStatus(bobOnA, carol, "offline");
        }
    }

    /**
     * Connects a client and waits until its user's Redis channel delivers (an ack comes that way), so no frame
     * published from now on can miss it: without this, a presence change could race the gateway's SUBSCRIBE.
     */
    private static ChatClient listening(String node, Account account) throws Exception {
        String own = api.room(account, "Own room");
        ChatClient client = ChatClient.connect(node, account.token());
        client.sendUntilAcked("listening-" + java.util.UUID.randomUUID().toString().substring(0, 8), own, "here");
        return client;
    }

    private static java.util.List<String> typing(ChatClient client, String room, Account typer) {
        return client.frames("typing").stream()
                .filter(f -> f.path("conversationId").asText().equals(room)
                        && f.path("userId").asText().equals(typer.id()))
                .map(f -> f.path("typing").asText()).toList();
    }

    private static void friends(Account one, Account other) throws Exception {
        api.befriend(one, other);
        awaitVisible(other, one);
    }

    /** presence-service has learned that the viewer may see the user (from user.events or chat.events). */
    private static void awaitVisible(Account viewer, Account user) {
        await().atMost(Duration.ofSeconds(60)).until(() -> api.send("GET", "/api/presence/" + user.id(),
                viewer.token(), null).statusCode() == 200);
    }

    private static void awaitStatus(ChatClient client, Account user, String status) {
        await().atMost(Duration.ofSeconds(45)).until(() -> {
            var statuses = client.statusesOf(user.id());
            return !statuses.isEmpty() && statuses.get(statuses.size() - 1).equals(status);
        });
    }
}
