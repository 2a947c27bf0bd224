package io.chatsuite.presence.service;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.chatsuite.contracts.chat.ConversationCreated;
import io.chatsuite.contracts.chat.ConversationKind;
import io.chatsuite.contracts.chat.MemberRole;
import io.chatsuite.contracts.presence.NodeSnapshot;
import io.chatsuite.contracts.protocol.MembersFrame;
import io.chatsuite.contracts.user.FriendshipChanged;
import io.chatsuite.contracts.user.ProfileUpdated;
import io.chatsuite.devstack.testing.LocalStackTestResource;
import io.chatsuite.devstack.testing.TestTokenIssuer;
import io.chatsuite.presence.testing.FrameInbox;
import io.chatsuite.presence.testing.TestNode;
import io.chatsuite.presence.testing.TestSignals;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The gateways' signals, through real Kafka and Redis, become the presence frames friends and members receive. */
@QuarkusTest
@WithTestResource(LocalStackTestResource.class)
@WithTestResource(TestTokenIssuer.class)
class PresenceSignalsTests {

    // The test profile's node timeout; the flap grace is the production one.
    private static final Duration NODE_TIMEOUT = Duration.ofSeconds(8);
    private static final Duration GRACE = Duration.ofSeconds(5);

    @Inject
    TestSignals signals;

    @Inject
    RedisDataSource redis;

    @Test
    void aFriendSeesOnlineAwayAndOfflineAndAStrangerSeesNothing() {
        UUID alice = UUID.randomUUID();
        UUID bob = UUID.randomUUID();
        UUID stranger = UUID.randomUUID();
        befriend(alice, bob);
        try (TestNode node = TestNode.start(signals);
             FrameInbox bobs = FrameInbox.of(redis, bob);
             FrameInbox strangers = FrameInbox.of(redis, stranger)) {
            String laptop = node.open(alice);
            assertThat(bobs.awaitStatus(alice, "online", Duration.ofSeconds(10)).path("lastSeenAt").isNull()).isTrue();
            assertThat(presence(bob, alice).path("status").asText()).isEqualTo("online");

            node.idle(alice, laptop, true);
            JsonNode away = bobs.awaitStatus(alice, "away", Duration.ofSeconds(10));
            assertThat(away.path("lastSeenAt").asText()).isNotEmpty();

            node.idle(alice, laptop, false);
            await().atMost(Duration.ofSeconds(10)).until(() -> bobs.statusesOf(alice).size() == 3);

            Instant closedAt = Instant.now();
            node.close(alice, laptop);
            JsonNode offline = bobs.awaitStatus(alice, "offline", GRACE.plusSeconds(10));
            assertThat(Instant.parse(offline.path("lastSeenAt").asText()))
                    .isBetween(closedAt.minusSeconds(1), closedAt.plusSeconds(2));

            assertThat(bobs.statusesOf(alice)).containsExactly("online", "away", "online", "offline");
            assertThat(strangers.all()).isEmpty();
            given().auth().oauth2(token(stranger)).get("/api/presence/" + alice).then().statusCode(404);
            assertThat(given().auth().oauth2(token(stranger)).queryParam("ids", alice + "," + stranger)
                    .get("/api/presence").then().statusCode(200).extract().jsonPath().getList("userId"))
                    .containsExactly(stranger.toString());
            assertThat(presence(bob, alice).path("lastSeenAt").asText()).isEqualTo(offline.path("lastSeenAt").asText());
        }
    }

    @Test
    void aFriendRequestReadAfterItsAcceptanceLeavesThemFriends() {
        UUID alice = UUID.randomUUID();
        UUID bob = UUID.randomUUID();
        UUID dave = UUID.randomUUID();
        Instant asked = Instant.now().minusSeconds(1);
        // The acceptance is keyed by bob, the request by alice: other partitions, so read in either order.
        signals.event(new FriendshipChanged(bob, alice, FriendshipChanged.FriendshipState.FRIENDS, Instant.now()));
        awaitVisible(bob, alice);
        signals.event(new FriendshipChanged(alice, bob, FriendshipChanged.FriendshipState.REQUESTED, asked));
        // Keyed by alice too, so read after the request.
        befriend(alice, dave);

        assertThat(presence(bob, alice).path("status").asText()).isEqualTo("offline");
    }

    /** Issue 19 item 7: a request and its answer reach both people's sockets at once, for their friends lists. */
    @Test
    void aFriendRequestAndItsAcceptanceReachBothPeopleAsFriendshipFrames() {
        UUID asker = UUID.randomUUID();
        UUID asked = UUID.randomUUID();
        try (FrameInbox askers = FrameInbox.of(redis, asker); FrameInbox askeds = FrameInbox.of(redis, asked)) {
            signals.event(new FriendshipChanged(asker, asked, FriendshipChanged.FriendshipState.REQUESTED,
                    Instant.now()));
            await().atMost(Duration.ofSeconds(90)).until(() -> askeds.ofType("friendship").size() == 1);
            JsonNode request = askeds.ofType("friendship").get(0);
            assertThat(request.path("userId").asText()).isEqualTo(asker.toString());
            assertThat(request.path("otherUserId").asText()).isEqualTo(asked.toString());
            assertThat(request.path("state").asText()).isEqualTo("REQUESTED");

            signals.event(new FriendshipChanged(asked, asker, FriendshipChanged.FriendshipState.FRIENDS,
                    Instant.now()));
            await().atMost(Duration.ofSeconds(30)).until(() -> askers.ofType("friendship").size() == 2);
            assertThat(askers.ofType("friendship")).extracting(frame -> frame.path("state").asText())
                    .containsExactly("REQUESTED", "FRIENDS");
        }
    }

    @Test
    void membersOfASharedConversationSeeEachOther() {
        UUID alice = UUID.randomUUID();
        UUID carol = UUID.randomUUID();
        room(alice, carol);
        try (TestNode node = TestNode.start(signals); FrameInbox carols = FrameInbox.of(redis, carol)) {
            node.open(alice);
            carols.awaitStatus(alice, "online", Duration.ofSeconds(10));
        }
    }

    @Test
    void anArrivalSeenByManyIsPublishedOnceNamingThemAll() {
        UUID alice = UUID.randomUUID();
        List<UUID> others = Stream.generate(UUID::randomUUID).limit(MembersFrame.FROM_RECIPIENTS).toList();
        List<ConversationCreated.Member> members = new ArrayList<>(List.of(
                new ConversationCreated.Member(alice, MemberRole.OWNER)));
        others.forEach(other -> members.add(new ConversationCreated.Member(other, MemberRole.MEMBER)));
        signals.event(new ConversationCreated(UUID.randomUUID(), 1, Instant.now(), alice, ConversationKind.GROUP,
                "Crowd", null, false, members));
        others.forEach(other -> awaitVisible(other, alice));
        List<MembersFrame> published = new CopyOnWriteArrayList<>();
        var subscription = redis.pubsub(String.class).subscribe(MembersFrame.CHANNEL,
                text -> published.add(MembersFrame.read(text)));
        try (TestNode node = TestNode.start(signals); FrameInbox first = FrameInbox.of(redis, others.get(0));
             FrameInbox last = FrameInbox.of(redis, others.get(others.size() - 1))) {
            node.open(alice);

            first.awaitStatus(alice, "online", Duration.ofSeconds(10));
            last.awaitStatus(alice, "online", Duration.ofSeconds(10));
            List<MembersFrame> arrivals = published.stream().filter(frame -> frame.published().contains(
                    alice.toString()) && frame.published().contains("\"online\"")).toList();
            assertThat(arrivals).hasSize(1);
            assertThat(arrivals.get(0).to()).containsAll(others);
        } finally {
            subscription.unsubscribe();
        }
    }

    @Test
    void aNewProfileReachesItsOwnerAndWhoeverMaySeeThemAndNobodyElse() {
        UUID alice = UUID.randomUUID();
        UUID carol = UUID.randomUUID();
        UUID stranger = UUID.randomUUID();
        room(alice, carol);
        UUID picture = UUID.randomUUID();
        try (FrameInbox alices = FrameInbox.of(redis, alice); FrameInbox carols = FrameInbox.of(redis, carol);
             FrameInbox strangers = FrameInbox.of(redis, stranger)) {
            signals.event(new ProfileUpdated(alice, "alice", "Alice Liddell", picture, Instant.now()));

            await().atMost(Duration.ofSeconds(10)).until(() -> !carols.ofType("profile").isEmpty()
                    && !alices.ofType("profile").isEmpty());
            JsonNode seen = carols.ofType("profile").get(0);
            assertThat(List.of(seen.path("userId").asText(), seen.path("displayName").asText(),
                    seen.path("avatarId").asText())).containsExactly(alice.toString(), "Alice Liddell",
                    picture.toString());
            assertThat(strangers.all()).isEmpty();
        }
    }

    @Test
    void twoDevicesOnTwoNodesStayOnlineUntilBothClose() {
        UUID alice = UUID.randomUUID();
        UUID bob = UUID.randomUUID();
        befriend(alice, bob);
        try (TestNode first = TestNode.start(signals); TestNode second = TestNode.start(signals);
             FrameInbox bobs = FrameInbox.of(redis, bob)) {
            String laptop = first.open(alice);
            String phone = second.open(alice);
            bobs.awaitStatus(alice, "online", Duration.ofSeconds(10));

            first.close(alice, laptop);
            // Longer than the grace: had the phone not counted, the offline would be out by now.
            await("alice stays online past the grace").during(GRACE.plusSeconds(2)).atMost(GRACE.plusSeconds(5))
                    .until(() -> bobs.statusesOf(alice).equals(List.of("online")));
            assertThat(presence(bob, alice).path("status").asText()).isEqualTo("online");

            second.close(alice, phone);
            bobs.awaitStatus(alice, "offline", GRACE.plusSeconds(10));
            assertThat(bobs.statusesOf(alice)).containsExactly("online", "offline");
        }
    }

    @Test
    void aQuickReconnectShowsNoOfflineFlash() {
        UUID alice = UUID.randomUUID();
        UUID bob = UUID.randomUUID();
        befriend(alice, bob);
        try (TestNode first = TestNode.start(signals); TestNode second = TestNode.start(signals);
             FrameInbox bobs = FrameInbox.of(redis, bob)) {
            String socket = first.open(alice);
            bobs.awaitStatus(alice, "online", Duration.ofSeconds(10));

            first.close(alice, socket);
            second.open(alice);

            await("no offline flash past the grace").during(GRACE.plusSeconds(2)).atMost(GRACE.plusSeconds(5))
                    .until(() -> bobs.statusesOf(alice).equals(List.of("online")));
        }
    }

    @Test
    void aNodeThatStopsHeartbeatingTakesItsUsersOfflineWithinTheTimeout() {
        UUID alice = UUID.randomUUID();
        UUID bob = UUID.randomUUID();
        befriend(alice, bob);
        try (TestNode doomed = TestNode.start(signals); TestNode survivor = TestNode.start(signals);
             FrameInbox bobs = FrameInbox.of(redis, bob)) {
            doomed.open(alice);
            survivor.open(bob);
            bobs.awaitStatus(alice, "online", Duration.ofSeconds(10));

            Instant died = Instant.now();
            doomed.die();

            JsonNode offline = bobs.awaitStatus(alice, "offline", NODE_TIMEOUT.plusSeconds(5));
            assertThat(Duration.between(died, Instant.now())).isLessThanOrEqualTo(NODE_TIMEOUT.plusSeconds(2));
            assertThat(offline.path("lastSeenAt").isNull()).isFalse();
            assertThat(presence(alice, bob).path("status").asText()).as("the other node's user").isEqualTo("online");
        }
    }

    @Test
    void aNodeThatStopsCleanlyTakesItsUsersOfflineAfterTheGrace() {
        UUID alice = UUID.randomUUID();
        UUID bob = UUID.randomUUID();
        befriend(alice, bob);
        try (TestNode node = TestNode.start(signals); FrameInbox bobs = FrameInbox.of(redis, bob)) {
            node.open(alice);
            bobs.awaitStatus(alice, "online", Duration.ofSeconds(10));

            node.stopCleanly();

            bobs.awaitStatus(alice, "offline", GRACE.plusSeconds(5));
        }
    }

    @Test
    void aSnapshotRestoresSocketsPresenceServiceNeverHeardOfAndDropsTheOnesGone() {
        UUID alice = UUID.randomUUID();
        UUID bob = UUID.randomUUID();
        befriend(alice, bob);
        try (TestNode node = TestNode.start(signals); FrameInbox bobs = FrameInbox.of(redis, bob)) {
            // As after Redis lost its data: the node holds a socket whose opening nobody remembers.
            node.snapshot(List.of(new NodeSnapshot.Socket("unheard-of", alice, UUID.randomUUID(), true)));
            bobs.awaitStatus(alice, "away", Duration.ofSeconds(10));

            node.snapshot(List.of());
            bobs.awaitStatus(alice, "offline", GRACE.plusSeconds(10));
        }
    }

    @Test
    void typingReachesTheOtherMembersOnlyThrottledAndStopsByItself() {
        UUID alice = UUID.randomUUID();
        UUID bob = UUID.randomUUID();
        UUID outsider = UUID.randomUUID();
        UUID room = room(alice, bob);
        try (FrameInbox alices = FrameInbox.of(redis, alice);
             FrameInbox bobs = FrameInbox.of(redis, bob);
             FrameInbox outsiders = FrameInbox.of(redis, outsider)) {
            signals.signal(new io.chatsuite.contracts.presence.TypingSignal(alice, room, true, Instant.now()));
            signals.signal(new io.chatsuite.contracts.presence.TypingSignal(alice, room, true, Instant.now()));
            signals.signal(new io.chatsuite.contracts.presence.TypingSignal(outsider, room, true, Instant.now()));
            Instant started = Instant.now();

            await().atMost(Duration.ofSeconds(10)).until(() -> !bobs.typing(room).isEmpty());
            await().atMost(Duration.ofSeconds(15)).until(() -> bobs.typing(room).contains(alice + ":false"));
            assertThat(Duration.between(started, Instant.now())).isGreaterThanOrEqualTo(Duration.ofSeconds(5));
            assertThat(bobs.typing(room)).as("one start in the throttle window, then the expiry")
                    .containsExactly(alice + ":true", alice + ":false");
            assertThat(alices.typing(room)).isEmpty();
            assertThat(outsiders.all()).isEmpty();

            signals.signal(new io.chatsuite.contracts.presence.TypingSignal(bob, room, true, Instant.now()));
            signals.signal(new io.chatsuite.contracts.presence.TypingSignal(bob, room, false, Instant.now()));
            await().atMost(Duration.ofSeconds(10)).until(() -> alices.typing(room).size() == 2);
            assertThat(alices.typing(room)).containsExactly(bob + ":true", bob + ":false");
        }
    }

    private void befriend(UUID a, UUID b) {
        signals.event(new FriendshipChanged(a, b, FriendshipChanged.FriendshipState.FRIENDS, Instant.now()));
        awaitVisible(a, b);
    }

    private UUID room(UUID owner, UUID member) {
        UUID conversation = UUID.randomUUID();
        signals.event(new ConversationCreated(conversation, 1, Instant.now(), owner, ConversationKind.GROUP, "Room",
                null, false, List.of(new ConversationCreated.Member(owner, MemberRole.OWNER),
                new ConversationCreated.Member(member, MemberRole.MEMBER))));
        awaitVisible(owner, member);
        return conversation;
    }

    private static void awaitVisible(UUID viewer, UUID user) {
        // The first test also waits for the consumers' first assignment.
        await().atMost(Duration.ofSeconds(90)).until(() -> given().auth().oauth2(token(viewer))
                .get("/api/presence/" + user).statusCode() == 200);
    }

    private static JsonNode presence(UUID viewer, UUID user) {
        try {
            return new com.fasterxml.jackson.databind.ObjectMapper().readTree(given().auth().oauth2(token(viewer))
                    .get("/api/presence/" + user).then().statusCode(200).extract().asString());
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static String token(UUID user) {
        return TestTokenIssuer.tokenFor(user, "u" + user.toString().substring(0, 8));
    }
}
