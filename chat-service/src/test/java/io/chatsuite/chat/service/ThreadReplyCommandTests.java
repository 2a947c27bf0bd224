package io.chatsuite.chat.service;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.chatsuite.chat.ChatTestSupport;
import io.chatsuite.chat.ChatTestSupport.Frames;
import io.chatsuite.chat.ChatTestSupport.TestUser;
import io.chatsuite.contracts.chat.DeleteMessage;
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
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 18 item 1: a thread reply is a send naming its root, decided on the send path; it takes the conversation's
 * next seq like any message, so resume and idempotency are those of sends.
 */
@QuarkusTest
@WithTestResource(LocalStackTestResource.class)
@WithTestResource(TestTokenIssuer.class)
class ThreadReplyCommandTests {

    @Inject
    ChatTestSupport chat;

    TestUser alice;
    TestUser bob;
    UUID room;
    UUID root;
    long rootSeq;
    Frames aliceFrames;
    Frames bobFrames;

    @BeforeEach
    void aRootMessageInARoomOfAliceAndBob() {
        alice = chat.newUser("alice" + suffix());
        bob = chat.newUser("bob" + suffix());
        chat.awaitKnown(alice, bob);
        room = room(alice);
        given().auth().oauth2(alice.token()).contentType(ContentType.JSON).body(Map.of("userId", bob.id()))
                .post("/api/rooms/" + room + "/members").then().statusCode(200);
        aliceFrames = chat.listen(alice);
        bobFrames = chat.listen(bob);
        chat.send(send(alice, "root", "start a thread here", null, false));
        JsonNode ack = aliceFrames.awaitReply("root");
        root = UUID.fromString(ack.path("messageId").asText());
        rootSeq = ack.path("seq").asLong();
    }

    @Test
    void aReplyTakesTheNextSeqReachesEveryMemberAndARetryGetsTheSameAck() {
        chat.send(send(bob, "t-1", "first reply", root, false));
        chat.send(send(alice, "t-2", "second reply, shown in the room too", root, true));
        chat.send(send(alice, "main", "a message of the room", null, false));
        JsonNode first = bobFrames.awaitReply("t-1");
        assertThat(first.path("type").asText()).isEqualTo("ack");
        assertThat(first.path("seq").asLong()).isEqualTo(rootSeq + 1);
        assertThat(aliceFrames.awaitReply("t-2").path("seq").asLong()).isEqualTo(rootSeq + 2);
        assertThat(aliceFrames.awaitReply("main").path("seq").asLong()).isEqualTo(rootSeq + 3);

        await().atMost(Duration.ofSeconds(10)).until(() -> bobFrames.events("message.created").size() == 4);
        List<JsonNode> created = bobFrames.events("message.created");
        assertThat(created).extracting(e -> e.path("threadRootId").isNull() || e.path("threadRootId").isMissingNode())
                .containsExactly(true, false, false, true);
        assertThat(created.get(1).path("threadRootId").asText()).isEqualTo(root.toString());
        assertThat(created.get(1).path("alsoToConversation").asBoolean()).isFalse();
        assertThat(created.get(2).path("alsoToConversation").asBoolean()).isTrue();

        // A retry of the reply under its id: the first answer, no second reply.
        chat.send(send(bob, "t-1", "first reply", root, false));
        await().atMost(Duration.ofSeconds(30)).until(() -> bobFrames.replies("t-1").size() == 2);
        assertThat(bobFrames.replies("t-1").get(1).path("seq").asLong()).isEqualTo(rootSeq + 1);
        assertThat(bobFrames.replies("t-1").get(1).path("messageId").asText())
                .isEqualTo(first.path("messageId").asText());
    }

    @Test
    void aRootOfAnotherConversationAnUnknownOneAReplyOrADeletedMessageIsRefusedNamingTheField() {
        chat.send(send(bob, "t-1", "a reply", root, false));
        UUID reply = UUID.fromString(bobFrames.awaitReply("t-1").path("messageId").asText());
        UUID elsewhere = room(bob);
        chat.send(new SendMessage("other-room", elsewhere, bob.id(), bob.session(), Instant.now(), "here?",
                MessageFormat.MARKDOWN, null, List.of(), root, false));
        chat.send(send(bob, "unknown", "to nothing", UUID.randomUUID(), false));
        chat.send(send(bob, "nested", "a thread in a thread", reply, false));
        for (String id : List.of("other-room", "unknown", "nested")) {
            JsonNode refused = bobFrames.awaitReply(id);
            assertThat(refused.path("type").asText()).as(id).isEqualTo("error");
            assertThat(refused.path("code").asText()).as(id).isEqualTo("invalid_field");
            assertThat(refused.path("message").asText()).as(id).startsWith("threadRootId");
        }

        chat.send(new DeleteMessage("d-root", room, alice.id(), alice.session(), Instant.now(), root));
        aliceFrames.awaitReply("d-root");
        chat.send(send(bob, "late", "too late", root, false));
        assertThat(bobFrames.awaitReply("late").path("message").asText()).startsWith("threadRootId");

        // Nothing refused took a seq: the next message follows the delete.
        chat.send(send(alice, "after", "after", null, false));
        assertThat(aliceFrames.awaitReply("after").path("seq").asLong()).isEqualTo(rootSeq + 3);
    }

    /** A thread-only reply is unread (in an unread frame's count) only for who posted in its thread, as in history. */
    @Test
    void markingUnreadCountsAThreadOnlyReplyOnlyForThoseWhoPostedInItsThread() {
        TestUser carol = chat.newUser("carol" + suffix());
        chat.awaitKnown(alice, carol);
        given().auth().oauth2(alice.token()).contentType(ContentType.JSON).body(Map.of("userId", carol.id()))
                .post("/api/rooms/" + room + "/members").then().statusCode(200);
        Frames carolFrames = chat.listen(carol);
        chat.send(send(bob, "t-only", "only in the thread", root, false));
        chat.send(send(bob, "t-shared", "in the thread and the room", root, true));
        chat.send(send(bob, "main", "in the room", null, false));
        long last = bobFrames.awaitReply("main").path("seq").asLong();
        for (TestUser reader : List.of(alice, carol)) {
            Frames frames = reader == alice ? aliceFrames : carolFrames;
            chat.send(new MarkRead("r-" + reader.name(), room, reader.id(), reader.session(), Instant.now(), last));
            frames.awaitReply("r-" + reader.name());
            chat.send(new MarkUnread("u-" + reader.name(), room, reader.id(), reader.session(), Instant.now(), root));
            frames.awaitReply("u-" + reader.name());
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> !aliceFrames.ofType("unread").isEmpty()
                && !carolFrames.ofType("unread").isEmpty());
        // Alice wrote the root: all three of Bob's messages. Carol posted nothing there: the root and the two shown
        // in the room.
        assertThat(aliceFrames.ofType("unread").get(0).path("unreadCount").asLong()).isEqualTo(3);
        assertThat(carolFrames.ofType("unread").get(0).path("unreadCount").asLong()).isEqualTo(3);
        chat.send(new MarkRead("r2-carol", room, carol.id(), carol.session(), Instant.now(), last));
        carolFrames.awaitReply("r2-carol");
        chat.send(new MarkUnread("u2-carol", room, carol.id(), carol.session(), Instant.now(),
                UUID.fromString(bobFrames.awaitReply("t-only").path("messageId").asText())));
        carolFrames.awaitReply("u2-carol");
        await().atMost(Duration.ofSeconds(10)).until(() -> carolFrames.ofType("unread").size() == 2);
        assertThat(carolFrames.ofType("unread").get(1).path("unreadCount").asLong())
                .as("the thread-only reply does not count for carol").isEqualTo(2);
    }

    private SendMessage send(TestUser user, String clientId, String body, UUID threadRootId, boolean alsoToRoom) {
        return new SendMessage(clientId, room, user.id(), user.session(), Instant.now(), body, MessageFormat.MARKDOWN,
                null, List.of(), threadRootId, alsoToRoom);
    }

    private static UUID room(TestUser owner) {
        return UUID.fromString(given().auth().oauth2(owner.token()).contentType(ContentType.JSON)
                .body(Map.of("name", "Room " + suffix(), "isPublic", false))
                .post("/api/rooms").then().statusCode(200).extract().path("conversation.id"));
    }

    private static String suffix() {
        return UUID.randomUUID().toString().substring(0, 8);
    }
}
