package io.chatsuite.chat.service;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.chatsuite.chat.ChatTestSupport;
import io.chatsuite.chat.ChatTestSupport.Frames;
import io.chatsuite.chat.ChatTestSupport.TestUser;
import io.chatsuite.contracts.chat.DeleteMessage;
import io.chatsuite.contracts.chat.EditMessage;
import io.chatsuite.contracts.chat.MarkRead;
import io.chatsuite.contracts.chat.MarkUnread;
import io.chatsuite.contracts.chat.MessageFormat;
import io.chatsuite.contracts.chat.SendMessage;
import io.chatsuite.devstack.testing.LocalStackTestResource;
import io.chatsuite.devstack.testing.TestTokenIssuer;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(LocalStackTestResource.class)
@WithTestResource(TestTokenIssuer.class)
class CommandPipelineTests {

    @Inject
    ChatTestSupport chat;

    TestUser alice;
    TestUser bob;
    TestUser mallory;
    UUID room;

    @BeforeEach
    void aRoomOfAliceAndBob() {
        alice = chat.newUser("alice" + suffix());
        bob = chat.newUser("bob" + suffix());
        mallory = chat.newUser("mallory" + suffix());
        chat.awaitKnown(alice, bob, mallory);
        room = UUID.fromString(given().auth().oauth2(alice.token()).contentType(ContentType.JSON)
                .body(Map.of("name", "Room " + suffix(), "isPublic", false))
                .post("/api/rooms").then().statusCode(200).extract().path("conversation.id"));
        given().auth().oauth2(alice.token()).contentType(ContentType.JSON).body(Map.of("userId", bob.id()))
                .post("/api/rooms/" + room + "/members").then().statusCode(200);
    }

    @Test
    void aSendIsAckedWithItsSeqAndReachesEveryMember() {
        Frames aliceFrames = chat.listen(alice);
        Frames bobFrames = chat.listen(bob);

        chat.send(send(alice, "c-1", "hello **bob**"));

        JsonNode ack = aliceFrames.awaitReply("c-1");
        assertThat(ack.path("type").asText()).isEqualTo("ack");
        assertThat(ack.path("seq").asLong()).isEqualTo(3);
        await().atMost(Duration.ofSeconds(10)).until(() -> bobFrames.events("message.created").size() == 1);
        JsonNode event = bobFrames.events("message.created").get(0);
        assertThat(event.path("messageId").asText()).isEqualTo(ack.path("messageId").asText());
        assertThat(event.path("body").asText()).isEqualTo("hello **bob**");
        assertThat(event.path("actorId").asText()).isEqualTo(alice.id().toString());
    }

    @Test
    void aRetriedCommandIdGetsTheSameAckAndNoSecondMessage() {
        Frames aliceFrames = chat.listen(alice);
        Frames bobFrames = chat.listen(bob);

        chat.send(send(alice, "retry-1", "once"));
        JsonNode first = aliceFrames.awaitReply("retry-1");
        chat.send(send(alice, "retry-1", "once"));
        chat.send(send(alice, "after", "a later message"));
        aliceFrames.awaitReply("after");

        List<JsonNode> acks = aliceFrames.ofType("ack").stream()
                .filter(frame -> frame.path("id").asText().equals("retry-1")).toList();
        assertThat(acks).hasSize(2);
        assertThat(acks.get(1).path("messageId").asText()).isEqualTo(first.path("messageId").asText());
        assertThat(acks.get(1).path("seq").asLong()).isEqualTo(first.path("seq").asLong());
        await().atMost(Duration.ofSeconds(10)).until(() -> bobFrames.events("message.created").size() == 2);
        assertThat(bobFrames.events("message.created")).extracting(e -> e.path("body").asText())
                .containsExactly("once", "a later message");
    }

    @Test
    void twoDevicesOfOneUserThatPickTheSameIdBothGetTheirMessageStored() {
        TestUser phone = alice;
        TestUser laptop = chat.device(alice.id(), alice.name());
        Frames aliceFrames = chat.listen(alice);
        Frames bobFrames = chat.listen(bob);

        chat.send(send(phone, "c-17", "from the phone"));
        JsonNode phoneAck = aliceFrames.awaitReply("c-17");
        chat.send(send(laptop, "c-17", "from the laptop"));
        await().atMost(Duration.ofSeconds(30)).until(() -> acks(aliceFrames, "c-17").size() == 2);
        // The phone retries its own id (as after a reconnect to another gateway node): the first answer again.
        chat.send(send(phone, "c-17", "from the phone"));
        await().atMost(Duration.ofSeconds(30)).until(() -> acks(aliceFrames, "c-17").size() == 3);

        List<JsonNode> acks = acks(aliceFrames, "c-17");
        assertThat(acks.get(1).path("messageId").asText()).isNotEqualTo(phoneAck.path("messageId").asText());
        assertThat(acks.get(1).path("seq").asLong()).isEqualTo(phoneAck.path("seq").asLong() + 1);
        assertThat(acks.get(2).path("messageId").asText()).isEqualTo(phoneAck.path("messageId").asText());
        assertThat(acks.get(2).path("seq").asLong()).isEqualTo(phoneAck.path("seq").asLong());
        await().atMost(Duration.ofSeconds(10)).until(() -> bobFrames.events("message.created").size() == 2);
        assertThat(bobFrames.events("message.created")).extracting(e -> e.path("body").asText())
                .containsExactly("from the phone", "from the laptop");
    }

    @Test
    void aCommandWithoutASessionIsStillDeduplicatedAcrossTheUpgrade() {
        Frames aliceFrames = chat.listen(alice);
        // A record written by a gateway from before commands carried the session.
        chat.send(new SendMessage("legacy-1", room, alice.id(), null, Instant.now(), "old gateway",
                MessageFormat.MARKDOWN, null, List.of()));
        JsonNode first = aliceFrames.awaitReply("legacy-1");
        // Its retry arrives through an upgraded gateway, now with the session.
        chat.send(send(alice, "legacy-1", "old gateway"));
        await().atMost(Duration.ofSeconds(30)).until(() -> acks(aliceFrames, "legacy-1").size() == 2);

        JsonNode retried = acks(aliceFrames, "legacy-1").get(1);
        assertThat(retried.path("messageId").asText()).isEqualTo(first.path("messageId").asText());
        assertThat(retried.path("seq").asLong()).isEqualTo(first.path("seq").asLong());
    }

    private static List<JsonNode> acks(Frames frames, String clientId) {
        return frames.ofType("ack").stream().filter(frame -> frame.path("id").asText().equals(clientId)).toList();
    }

    @Test
    void nonMembersCanNeitherSendEditDeleteNorReadNorLearnTheConversationExists() {
        Frames malloryFrames = chat.listen(mallory);
        Frames aliceFrames = chat.listen(alice);
        chat.send(send(alice, "mine", "members only"));
        UUID messageId = UUID.fromString(aliceFrames.awaitReply("mine").path("messageId").asText());

        chat.send(new EditMessage("m-edit", room, mallory.id(), mallory.session(), Instant.now(), messageId,
                "defaced"));
        chat.send(new DeleteMessage("m-delete", room, mallory.id(), mallory.session(), Instant.now(), messageId));
        chat.send(new MarkRead("m-read", room, mallory.id(), mallory.session(), Instant.now(), 1));
        for (String id : List.of("m-edit", "m-delete", "m-read")) {
            assertThat(malloryFrames.awaitReply(id).path("code").asText()).as(id).isEqualTo("not_found");
        }
        chat.send(send(mallory, "m-1", "let me in"));
        chat.send(new SendMessage("m-2", UUID.randomUUID(), mallory.id(), mallory.session(), Instant.now(), "nowhere",
                MessageFormat.PLAIN, null, List.of()));

        assertThat(malloryFrames.awaitReply("m-1").path("code").asText()).isEqualTo("not_found");
        assertThat(malloryFrames.awaitReply("m-2").path("code").asText()).isEqualTo("not_found");
        assertThat(malloryFrames.awaitReply("m-1").path("message").asText())
                .isEqualTo(malloryFrames.awaitReply("m-2").path("message").asText());
        given().auth().oauth2(mallory.token()).get("/api/conversations/" + room).then().statusCode(404);
    }

    @Test
    void onlyTheSenderEditsAndOnlySenderOrAdminDeletes() {
        Frames aliceFrames = chat.listen(alice);
        Frames bobFrames = chat.listen(bob);
        chat.send(send(bob, "b-1", "bob's words"));
        UUID messageId = UUID.fromString(bobFrames.awaitReply("b-1").path("messageId").asText());

        chat.send(new EditMessage("a-edit", room, alice.id(), alice.session(), Instant.now(), messageId,
                "alice's words"));
        assertThat(aliceFrames.awaitReply("a-edit").path("code").asText()).isEqualTo("forbidden");

        chat.send(new EditMessage("b-edit", room, bob.id(), bob.session(), Instant.now(), messageId,
                "bob's better words"));
        assertThat(bobFrames.awaitReply("b-edit").path("type").asText()).isEqualTo("ack");

        chat.send(new DeleteMessage("a-delete", room, alice.id(), alice.session(), Instant.now(), messageId));
        assertThat(aliceFrames.awaitReply("a-delete").path("type").asText()).isEqualTo("ack");
        await().atMost(Duration.ofSeconds(10)).until(() -> bobFrames.events("message.deleted").size() == 1);
        assertThat(bobFrames.events("message.edited").get(0).path("body").asText()).isEqualTo("bob's better words");

        chat.send(new EditMessage("b-edit-2", room, bob.id(), bob.session(), Instant.now(), messageId, "too late"));
        assertThat(bobFrames.awaitReply("b-edit-2").path("code").asText()).isEqualTo("not_found");
    }

    @Test
    void readCursorsOnlyMoveForwardAndOthersGetAReceipt() {
        Frames aliceFrames = chat.listen(alice);
        Frames bobFrames = chat.listen(bob);
        chat.send(send(alice, "r-1", "one"));
        chat.send(send(alice, "r-2", "two"));
        long last = aliceFrames.awaitReply("r-2").path("seq").asLong();

        chat.send(new MarkRead("read-1", room, bob.id(), bob.session(), Instant.now(), last));
        assertThat(bobFrames.awaitReply("read-1").path("seq").asLong()).isEqualTo(last);
        await().atMost(Duration.ofSeconds(10)).until(() -> aliceFrames.ofType("receipt").stream()
                .anyMatch(r -> r.path("userId").asText().equals(bob.id().toString()) && r.path("seq").asLong() == last));

        chat.send(new MarkRead("read-2", room, bob.id(), bob.session(), Instant.now(), 1));
        assertThat(bobFrames.awaitReply("read-2").path("seq").asLong()).as("the cursor stays").isEqualTo(last);
    }

    /** Issue 18 item 7: the one backwards move of a read cursor, told to the reader's own devices only. */
    @Test
    void markingAMessageUnreadMovesTheCursorBackBeforeItAndTellsOnlyTheReadersDevices() {
        Frames aliceFrames = chat.listen(alice);
        Frames bobFrames = chat.listen(bob);
        chat.send(send(alice, "u-1", "one"));
        chat.send(send(alice, "u-2", "two"));
        chat.send(send(bob, "u-own", "mine do not count"));
        chat.send(send(alice, "u-3", "three"));
        JsonNode second = aliceFrames.awaitReply("u-2");
        long last = aliceFrames.awaitReply("u-3").path("seq").asLong();
        bobFrames.awaitReply("u-own");
        chat.send(new MarkRead("u-read", room, bob.id(), bob.session(), Instant.now(), last));
        assertThat(bobFrames.awaitReply("u-read").path("seq").asLong()).isEqualTo(last);

        // From bob's phone: his laptop (same user channel) hears the new cursor and count.
        TestUser bobsPhone = chat.device(bob.id(), bob.name());
        long secondSeq = second.path("seq").asLong();
        chat.send(new MarkUnread("u-back", room, bob.id(), bobsPhone.session(), Instant.now(),
                UUID.fromString(second.path("messageId").asText())));
        assertThat(bobFrames.awaitReply("u-back").path("seq").asLong()).isEqualTo(secondSeq - 1);
        await().atMost(Duration.ofSeconds(10)).until(() -> !bobFrames.ofType("unread").isEmpty());
        JsonNode unread = bobFrames.ofType("unread").get(0);
        assertThat(unread.path("conversationId").asText()).isEqualTo(room.toString());
        assertThat(unread.path("seq").asLong()).isEqualTo(secondSeq - 1);
        assertThat(unread.path("unreadCount").asLong()).as("two and three; bob's own does not count").isEqualTo(2);
        assertThat(given().auth().oauth2(bob.token()).get("/api/conversations/" + room).then().statusCode(200)
                .extract().jsonPath().getLong("members.find { it.userId == '" + bob.id() + "' }.readSeq"))
                .isEqualTo(secondSeq - 1);

        // A message already unread moves nothing; reading moves the cursor forward again as always.
        chat.send(new MarkUnread("u-again", room, bob.id(), bob.session(), Instant.now(),
                UUID.fromString(aliceFrames.awaitReply("u-3").path("messageId").asText())));
        assertThat(bobFrames.awaitReply("u-again").path("seq").asLong()).isEqualTo(secondSeq - 1);
        chat.send(new MarkRead("u-read-2", room, bob.id(), bob.session(), Instant.now(), last));
        assertThat(bobFrames.awaitReply("u-read-2").path("seq").asLong()).isEqualTo(last);
        assertThat(bobFrames.ofType("unread")).hasSize(1);
        // The other members saw bob read it all; marking it unread again is his own business.
        assertThat(aliceFrames.ofType("unread")).isEmpty();
        assertThat(aliceFrames.ofType("receipt")).noneMatch(receipt -> receipt.path("seq").asLong() < last);
    }

    @Test
    void markUnreadNeedsAMemberAndALiveMessageOfThatConversation() {
        Frames aliceFrames = chat.listen(alice);
        Frames bobFrames = chat.listen(bob);
        Frames malloryFrames = chat.listen(mallory);
        chat.send(send(alice, "n-1", "in the room"));
        UUID inRoom = UUID.fromString(aliceFrames.awaitReply("n-1").path("messageId").asText());
        UUID direct = UUID.fromString(given().auth().oauth2(alice.token()).contentType(ContentType.JSON)
                .body(Map.of("userId", bob.id())).post("/api/conversations/direct").then().statusCode(200)
                .extract().path("conversation.id"));
        chat.send(new SendMessage("n-2", direct, alice.id(), alice.session(), Instant.now(), "elsewhere",
                MessageFormat.MARKDOWN, null, List.of()));
        UUID elsewhere = UUID.fromString(aliceFrames.awaitReply("n-2").path("messageId").asText());
        chat.send(send(alice, "n-3", "soon gone"));
        UUID gone = UUID.fromString(aliceFrames.awaitReply("n-3").path("messageId").asText());
        chat.send(new DeleteMessage("n-4", room, alice.id(), alice.session(), Instant.now(), gone));
        aliceFrames.awaitReply("n-4");

        chat.send(new MarkUnread("m-unread", room, mallory.id(), mallory.session(), Instant.now(), inRoom));
        chat.send(new MarkUnread("b-other", room, bob.id(), bob.session(), Instant.now(), elsewhere));
        chat.send(new MarkUnread("b-none", room, bob.id(), bob.session(), Instant.now(), UUID.randomUUID()));
        chat.send(new MarkUnread("b-gone", room, bob.id(), bob.session(), Instant.now(), gone));

        assertThat(malloryFrames.awaitReply("m-unread").path("code").asText()).isEqualTo("not_found");
        assertThat(malloryFrames.awaitReply("m-unread").path("message").asText()).isEqualTo("no such conversation");
        for (String id : List.of("b-other", "b-none", "b-gone")) {
            assertThat(bobFrames.awaitReply(id).path("code").asText()).as(id).isEqualTo("not_found");
            assertThat(bobFrames.awaitReply(id).path("message").asText()).as(id).startsWith("messageId");
        }
        assertThat(bobFrames.ofType("unread")).isEmpty();
    }

    @Test
    void concurrentSendersGetOneGaplessOrderDeliveredExactlyOnce() throws Exception {
        List<TestUser> senders = new ArrayList<>(List.of(alice, bob));
        for (int i = 0; i < 3; i++) {
            TestUser extra = chat.newUser("sender" + i + suffix());
            chat.awaitKnown(alice, extra);
            given().auth().oauth2(alice.token()).contentType(ContentType.JSON).body(Map.of("userId", extra.id()))
                    .post("/api/rooms/" + room + "/members").then().statusCode(200);
            senders.add(extra);
        }
        long before = given().auth().oauth2(alice.token()).get("/api/conversations/" + room)
                .then().statusCode(200).extract().jsonPath().getLong("conversation.lastSeq");
        Frames watcher = chat.listen(alice);

        ExecutorService pool = Executors.newFixedThreadPool(senders.size());
        List<Future<?>> sends = new ArrayList<>();
        for (TestUser sender : senders) {
            sends.add(pool.submit(() -> {
                for (int n = 0; n < 200; n++) {
                    chat.send(send(sender, sender.name() + "-" + n, sender.name() + " says " + n));
                }
            }));
        }
        for (Future<?> send : sends) {
            send.get();
        }
        pool.shutdown();

        await().atMost(Duration.ofSeconds(90)).until(() -> watcher.events("message.created").size() >= 1000);
        List<JsonNode> events = watcher.events("message.created");
        assertThat(events).hasSize(1000);
        List<Long> seqs = events.stream().map(e -> e.path("seq").asLong()).toList();
        List<Long> expected = new ArrayList<>();
        for (long seq = before + 1; seq <= before + 1000; seq++) {
            expected.add(seq);
        }
        assertThat(seqs).as("delivered in seq order, without gap or repeat").isEqualTo(expected);
        Set<String> bodies = new HashSet<>();
        events.forEach(e -> bodies.add(e.path("body").asText()));
        assertThat(bodies).hasSize(1000);
    }

    private SendMessage send(TestUser sender, String clientId, String body) {
        return new SendMessage(clientId, room, sender.id(), sender.session(), Instant.now(), body,
                MessageFormat.MARKDOWN, null, List.of());
    }

    private static String suffix() {
        return UUID.randomUUID().toString().substring(0, 8);
    }
}
