package io.chatsuite.chat.service;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;

import com.fasterxml.jackson.databind.JsonNode;
import io.chatsuite.chat.ChatTestSupport;
import io.chatsuite.chat.ChatTestSupport.Frames;
import io.chatsuite.chat.ChatTestSupport.TestUser;
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
 * Issue 18 item 3: chat-service finds a message's mentions in its body, resolves them to members for the whole batch
 * and names them in the message.created event; @room/@here only from whom the room allows.
 */
@QuarkusTest
@WithTestResource(LocalStackTestResource.class)
@WithTestResource(TestTokenIssuer.class)
class MentionCommandTests {

    @Inject
    ChatTestSupport chat;

    TestUser alice;
    TestUser bob;
    TestUser carol;
    TestUser mallory;
    UUID room;
    Frames aliceFrames;
    Frames bobFrames;

    @BeforeEach
    void aRoomOfAliceBobAndCarol() {
        alice = chat.newUser("alice" + suffix());
        bob = chat.newUser("bob" + suffix());
        carol = chat.newUser("carol" + suffix());
        mallory = chat.newUser("mallory" + suffix());
        chat.awaitKnown(alice, bob, carol, mallory);
        room = UUID.fromString(given().auth().oauth2(alice.token()).contentType(ContentType.JSON)
                .body(Map.of("name", "Room " + suffix(), "isPublic", false))
                .post("/api/rooms").then().statusCode(200).extract().path("conversation.id"));
        for (TestUser member : List.of(bob, carol)) {
            given().auth().oauth2(alice.token()).contentType(ContentType.JSON).body(Map.of("userId", member.id()))
                    .post("/api/rooms/" + room + "/members").then().statusCode(200);
        }
        aliceFrames = chat.listen(alice);
        bobFrames = chat.listen(bob);
    }

    @Test
    void membersMentionedByUsernameAreNamedInTheEventAndNobodyElse() {
        // Several sends in a row, so they are decided together: each gets its own mentions.
        chat.send(send(bob, "m-1", "hi @" + alice.name().toUpperCase() + " and @" + mallory.name() + ", also @"
                + bob.name() + " and @" + carol.name() + ". @" + alice.name() + " again"));
        chat.send(send(bob, "m-2", "nobody here: mail " + alice.name() + "@example.com, `@" + carol.name() + "`"));
        chat.send(send(bob, "m-3", "@" + carol.name()));

        await().atMost(Duration.ofSeconds(30)).until(() -> aliceFrames.events("message.created").size() == 3);
        List<JsonNode> created = aliceFrames.events("message.created");
        assertThat(ids(created.get(0))).containsExactly(alice.id().toString(), carol.id().toString());
        assertThat(created.get(0).path("roomMentioned").asBoolean()).isFalse();
        assertThat(ids(created.get(1))).isEmpty();
        assertThat(ids(created.get(2))).containsExactly(carol.id().toString());
    }

    @Test
    void onlyTheOwnerAndAdminsMentionTheRoomUntilTheRoomLetsEveryone() {
        chat.send(send(bob, "member-room", "@room lunch?"));
        chat.send(send(alice, "owner-here", "@here lunch!"));
        bobFrames.awaitReply("member-room");
        aliceFrames.awaitReply("owner-here");

        patch(alice, "{\"roomMentions\":\"everyone\"}").then().statusCode(200);
        given().auth().oauth2(bob.token()).get("/api/conversations/" + room).then().statusCode(200)
                .body("conversation.roomMentions", equalTo("everyone"))
                .body("members.username", hasItems(alice.name(), bob.name(), carol.name()));
        chat.send(send(bob, "member-room-allowed", "@room now?"));

        await().atMost(Duration.ofSeconds(30)).until(() -> aliceFrames.events("message.created").size() == 3);
        List<JsonNode> created = aliceFrames.events("message.created");
        assertThat(created).extracting(e -> e.path("roomMentioned").asBoolean()).containsExactly(false, true, true);
        JsonNode updated = aliceFrames.events("conversation.updated").get(aliceFrames.events("conversation.updated").size() - 1);
        assertThat(updated.path("everyoneMentionsRoom").asBoolean()).isTrue();
    }

    @Test
    void anEditMentionsWhomItsNewBodyNamesByTheSameRule() {
        chat.send(send(bob, "plain", "lunch at noon?"));
        bobFrames.awaitReply("plain");
        await().atMost(Duration.ofSeconds(30)).until(() -> aliceFrames.events("message.created").size() == 1);
        UUID messageId = UUID.fromString(aliceFrames.events("message.created").get(0).path("messageId").asText());

        chat.send(new io.chatsuite.contracts.chat.EditMessage("edit-1", room, bob.id(), bob.session(), Instant.now(),
                messageId, "lunch at noon, @" + carol.name() + " and @" + mallory.name() + "? `@" + alice.name() + "`"));
        chat.send(new io.chatsuite.contracts.chat.EditMessage("edit-2", room, bob.id(), bob.session(), Instant.now(),
                messageId, "lunch at noon? @room"));

        await().atMost(Duration.ofSeconds(30)).until(() -> aliceFrames.events("message.edited").size() == 2);
        List<JsonNode> edited = aliceFrames.events("message.edited");
        assertThat(ids(edited.get(0))).as("members named, not a non-member, not inside code")
                .containsExactly(carol.id().toString());
        assertThat(edited.get(0).path("roomMentioned").asBoolean()).isFalse();
        assertThat(ids(edited.get(1))).as("a name taken out is no longer mentioned").isEmpty();
        assertThat(edited.get(1).path("roomMentioned").asBoolean()).as("@room from a plain member stays text")
                .isFalse();
    }

    @Test
    void aDirectConversationHasNoRoomToMention() {
        UUID direct = UUID.fromString(given().auth().oauth2(alice.token()).contentType(ContentType.JSON)
                .body(Map.of("userId", bob.id())).post("/api/conversations/direct").then().statusCode(200)
                .extract().path("conversation.id"));
        chat.send(new SendMessage("d-1", direct, alice.id(), alice.session(), Instant.now(),
                "@here @" + bob.name(), MessageFormat.MARKDOWN, null, List.of()));
        aliceFrames.awaitReply("d-1");
        await().atMost(Duration.ofSeconds(30)).until(() -> !aliceFrames.events("message.created").isEmpty());
        JsonNode created = aliceFrames.events("message.created").get(0);
        assertThat(created.path("roomMentioned").asBoolean()).isFalse();
        assertThat(ids(created)).containsExactly(bob.id().toString());
    }

    @Test
    void aRoomMentionSettingThatIsNotOneIsRefusedByName() {
        patch(alice, "{\"roomMentions\":\"all\"}").then().statusCode(400)
                .contentType("application/problem+json").body("errors[0].field", equalTo("roomMentions"));
        patch(bob, "{\"roomMentions\":\"everyone\"}").then().statusCode(403);
    }

    private io.restassured.response.Response patch(TestUser user, String body) {
        return given().auth().oauth2(user.token()).contentType("application/merge-patch+json").body(body)
                .patch("/api/rooms/" + room);
    }

    private SendMessage send(TestUser sender, String clientId, String body) {
        return new SendMessage(clientId, room, sender.id(), sender.session(), Instant.now(), body,
                MessageFormat.MARKDOWN, null, List.of());
    }

    private static List<String> ids(JsonNode created) {
        List<String> ids = new java.util.ArrayList<>();
        created.path("mentionedUserIds").forEach(id -> ids.add(id.asText()));
        return ids;
    }

    private static String suffix() {
        return UUID.randomUUID().toString().substring(0, 8);
    }
}
