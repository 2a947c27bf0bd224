package io.chatsuite.chat.service;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.chatsuite.chat.ChatTestSupport;
import io.chatsuite.chat.ChatTestSupport.Frames;
import io.chatsuite.chat.ChatTestSupport.TestUser;
import io.chatsuite.contracts.chat.DeleteMessage;
import io.chatsuite.contracts.chat.MessageFormat;
import io.chatsuite.contracts.chat.ReactToMessage;
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

/** Issue 18 item 2: reactions are idempotent commands whose changes are timeline events with the next seq. */
@QuarkusTest
@WithTestResource(LocalStackTestResource.class)
@WithTestResource(TestTokenIssuer.class)
class ReactionCommandTests {

    @Inject
    ChatTestSupport chat;

    TestUser alice;
    TestUser bob;
    TestUser mallory;
    UUID room;
    UUID message;
    Frames aliceFrames;
    Frames bobFrames;

    @BeforeEach
    void aMessageInARoomOfAliceAndBob() {
        alice = chat.newUser("alice" + suffix());
        bob = chat.newUser("bob" + suffix());
        mallory = chat.newUser("mallory" + suffix());
        chat.awaitKnown(alice, bob, mallory);
        room = UUID.fromString(given().auth().oauth2(alice.token()).contentType(ContentType.JSON)
                .body(Map.of("name", "Room " + suffix(), "isPublic", false))
                .post("/api/rooms").then().statusCode(200).extract().path("conversation.id"));
        given().auth().oauth2(alice.token()).contentType(ContentType.JSON).body(Map.of("userId", bob.id()))
                .post("/api/rooms/" + room + "/members").then().statusCode(200);
        aliceFrames = chat.listen(alice);
        bobFrames = chat.listen(bob);
        chat.send(new SendMessage("m-1", room, alice.id(), alice.session(), Instant.now(), "react to me",
                MessageFormat.MARKDOWN, null, List.of()));
        message = UUID.fromString(aliceFrames.awaitReply("m-1").path("messageId").asText());
    }

    @Test
    void addingAndRemovingAreEventsWithTheNextSeqThatReachEveryMember() {
        long messageSeq = aliceFrames.awaitReply("m-1").path("seq").asLong();

        chat.send(react(bob, "r-1", "👍", false));
        JsonNode added = bobFrames.awaitReply("r-1");
        assertThat(added.path("type").asText()).isEqualTo("ack");
        assertThat(added.path("seq").asLong()).isEqualTo(messageSeq + 1);
        assertThat(added.path("messageId").asText()).isEqualTo(message.toString());
        chat.send(react(bob, "r-2", "👍", true));
        assertThat(bobFrames.awaitReply("r-2").path("seq").asLong()).isEqualTo(messageSeq + 2);

        await().atMost(Duration.ofSeconds(10)).until(() -> aliceFrames.events("reaction.removed").size() == 1);
        JsonNode event = aliceFrames.events("reaction.added").get(0);
        assertThat(event.path("seq").asLong()).isEqualTo(messageSeq + 1);
        assertThat(event.path("actorId").asText()).isEqualTo(bob.id().toString());
        assertThat(event.path("messageId").asText()).isEqualTo(message.toString());
        assertThat(event.path("emoji").asText()).isEqualTo("👍");
        assertThat(aliceFrames.events("reaction.removed").get(0).path("seq").asLong()).isEqualTo(messageSeq + 2);
        // The reactor's own devices hear of it too, like any event.
        await().atMost(Duration.ofSeconds(10)).until(() -> bobFrames.events("reaction.removed").size() == 1);
        // The next message keeps the sequence gapless.
        chat.send(new SendMessage("m-2", room, alice.id(), alice.session(), Instant.now(), "after",
                MessageFormat.MARKDOWN, null, List.of()));
        assertThat(aliceFrames.awaitReply("m-2").path("seq").asLong()).isEqualTo(messageSeq + 3);
    }

    @Test
    void aSecondAddAndAnAbsentRemoveAreAcknowledgedNoOpsAndARetryGetsTheSameAck() {
        chat.send(react(bob, "add-1", "🎉", false));
        long addedAt = bobFrames.awaitReply("add-1").path("seq").asLong();
        chat.send(react(bob, "add-2", "🎉", false));
        chat.send(react(alice, "rm-absent", "🎉", true));
        chat.send(react(alice, "other-emoji", "🎉", false));

        JsonNode again = bobFrames.awaitReply("add-2");
        assertThat(again.path("type").asText()).isEqualTo("ack");
        assertThat(again.path("seq").asLong()).as("no new seq").isEqualTo(addedAt);
        JsonNode absent = aliceFrames.awaitReply("rm-absent");
        assertThat(absent.path("type").asText()).isEqualTo("ack");
        assertThat(absent.path("seq").asLong()).isEqualTo(addedAt);
        // Another person's same emoji is a reaction of its own.
        assertThat(aliceFrames.awaitReply("other-emoji").path("seq").asLong()).isEqualTo(addedAt + 1);

        // Bob takes his back, then retries his first add under the same id: the first answer, nothing re-added.
        chat.send(react(bob, "rm-1", "🎉", true));
        long removedAt = bobFrames.awaitReply("rm-1").path("seq").asLong();
        chat.send(react(bob, "add-1", "🎉", false));
        await().atMost(Duration.ofSeconds(30)).until(() -> bobFrames.replies("add-1").size() == 2);
        assertThat(bobFrames.replies("add-1").get(1).path("seq").asLong()).isEqualTo(addedAt);
        // So does the retry of the add that changed nothing: it was recorded under its id too.
        chat.send(react(bob, "add-2", "🎉", false));
        await().atMost(Duration.ofSeconds(30)).until(() -> bobFrames.replies("add-2").size() == 2);
        assertThat(bobFrames.replies("add-2").get(1).path("seq").asLong()).isEqualTo(addedAt);

        chat.send(new SendMessage("m-2", room, alice.id(), alice.session(), Instant.now(), "after",
                MessageFormat.MARKDOWN, null, List.of()));
        assertThat(aliceFrames.awaitReply("m-2").path("seq").asLong()).isEqualTo(removedAt + 1);
        assertThat(aliceFrames.events("reaction.added")).extracting(e -> e.path("actorId").asText())
                .containsExactly(bob.id().toString(), alice.id().toString());
        assertThat(aliceFrames.events("reaction.removed")).hasSize(1);
    }

    @Test
    void aNonMemberIsRefusedAsIfTheConversationDidNotExist() {
        Frames malloryFrames = chat.listen(mallory);
        chat.send(react(mallory, "m-react", "👍", false));
        JsonNode refused = malloryFrames.awaitReply("m-react");
        assertThat(refused.path("type").asText()).isEqualTo("error");
        assertThat(refused.path("code").asText()).isEqualTo("not_found");

        chat.send(new SendMessage("m-2", room, alice.id(), alice.session(), Instant.now(), "after",
                MessageFormat.MARKDOWN, null, List.of()));
        aliceFrames.awaitReply("m-2");
        assertThat(aliceFrames.events("reaction.added")).isEmpty();
    }

    @Test
    void aDeletedMessageOrOneOfAnotherConversationCannotBeReactedTo() {
        UUID elsewhere = UUID.fromString(given().auth().oauth2(bob.token()).contentType(ContentType.JSON)
                .body(Map.of("name", "Other " + suffix(), "isPublic", false))
                .post("/api/rooms").then().statusCode(200).extract().path("conversation.id"));
        chat.send(new ReactToMessage("wrong-room", elsewhere, bob.id(), bob.session(), Instant.now(), message, "👍",
                false));
        assertThat(bobFrames.awaitReply("wrong-room").path("code").asText()).isEqualTo("not_found");

        chat.send(new DeleteMessage("d-1", room, alice.id(), alice.session(), Instant.now(), message));
        aliceFrames.awaitReply("d-1");
        chat.send(react(bob, "late", "👍", false));
        JsonNode refused = bobFrames.awaitReply("late");
        assertThat(refused.path("code").asText()).isEqualTo("not_found");
        assertThat(refused.path("message").asText()).contains("message");
    }

    @Test
    void anEmojiThatIsNotOneIsRefusedEvenFromARecordThatSkippedTheGateway() {
        chat.send(react(bob, "text", ":thumbsup:", false));
        JsonNode refused = bobFrames.awaitReply("text");
        assertThat(refused.path("code").asText()).isEqualTo("invalid_field");
        assertThat(refused.path("message").asText()).startsWith("emoji");
    }

    private ReactToMessage react(TestUser user, String clientId, String emoji, boolean remove) {
        return new ReactToMessage(clientId, room, user.id(), user.session(), Instant.now(), message, emoji, remove);
    }

    private static String suffix() {
        return UUID.randomUUID().toString().substring(0, 8);
    }
}
