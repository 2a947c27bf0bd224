package io.chatsuite.chat.service;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.chatsuite.chat.ChatTestSupport;
import io.chatsuite.chat.ChatTestSupport.Frames;
import io.chatsuite.chat.ChatTestSupport.TestUser;
import io.chatsuite.contracts.user.ProfileUpdated;
import io.chatsuite.contracts.user.UserDeleted;
import io.chatsuite.devstack.testing.LocalStackTestResource;
import io.chatsuite.devstack.testing.TestTokenIssuer;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** user.deleted takes the account out of every conversation, as leaves on each timeline, once however often sent. */
@QuarkusTest
@WithTestResource(LocalStackTestResource.class)
@WithTestResource(TestTokenIssuer.class)
class DeletedAccountTests {

    @Inject
    ChatTestSupport chat;

    @Test
    void aDeletedAccountLeavesItsRoomsAndDirectConversationsOnceEvenWhenTheEventIsReplayed() {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        TestUser alice = chat.newUser("alice" + suffix);
        TestUser bob = chat.newUser("bob" + suffix);
        TestUser carol = chat.newUser("carol" + suffix);
        chat.awaitKnown(alice, bob, carol);
        UUID room = UUID.fromString(given().auth().oauth2(alice.token()).contentType(ContentType.JSON)
                .body(Map.of("name", "Alice's " + suffix, "isPublic", false)).post("/api/rooms")
                .then().statusCode(200).extract().path("conversation.id"));
        for (TestUser member : List.of(bob, carol)) {
            given().auth().oauth2(alice.token()).contentType(ContentType.JSON).body(Map.of("userId", member.id()))
                    .post("/api/rooms/" + room + "/members").then().statusCode(200);
        }
        UUID direct = UUID.fromString(given().auth().oauth2(bob.token()).contentType(ContentType.JSON)
                .body(Map.of("userId", alice.id())).post("/api/conversations/direct")
                .then().statusCode(200).extract().path("conversation.id"));
        Frames bobFrames = chat.listen(bob);

        chat.publish(new UserDeleted(alice.id(), Instant.now()));

        await().atMost(Duration.ofSeconds(30)).until(() -> memberIds(bob, room).size() == 2
                && memberIds(bob, direct).equals(List.of(bob.id())));
        assertThat(memberIds(bob, room)).containsExactlyInAnyOrder(bob.id(), carol.id());
        // The room's owner left: it was handed on, as when an owner leaves.
        assertThat(details(bob, room).getList("members.role", String.class)).containsOnlyOnce("owner");
        // Each departure is a timeline event, as for any leave, so history and presence follow.
        await().atMost(Duration.ofSeconds(30)).until(() -> leavesOf(bobFrames, alice).size() == 2);
        assertThat(leavesOf(bobFrames, alice)).extracting(event -> event.path("conversationId").asText())
                .containsExactlyInAnyOrder(room.toString(), direct.toString());
        given().auth().oauth2(alice.token()).get("/api/conversations/" + room).then().statusCode(404);
        // Nobody starts a conversation with, or adds, the deleted account again.
        given().auth().oauth2(carol.token()).contentType(ContentType.JSON).body(Map.of("userId", alice.id()))
                .post("/api/conversations/direct").then().statusCode(404);
        given().auth().oauth2(bob.token()).contentType(ContentType.JSON).body(Map.of("userId", alice.id()))
                .post("/api/rooms/" + room + "/members").then().statusCode(404);
        long roomSeq = details(bob, room).getLong("conversation.lastSeq");
        long directSeq = details(bob, direct).getLong("conversation.lastSeq");

        // Delivered again (at least once): nothing changes. A later event on the same key shows it was applied.
        chat.publish(new UserDeleted(alice.id(), Instant.now()));
        chat.publish(new ProfileUpdated(alice.id(), "deleted-user-" + suffix, "Deleted user", null, Instant.now()));
        await().atMost(Duration.ofSeconds(30)).until(() -> "Deleted user".equals(knownDisplayName(alice)));

        assertThat(details(bob, room).getLong("conversation.lastSeq")).isEqualTo(roomSeq);
        assertThat(details(bob, direct).getLong("conversation.lastSeq")).isEqualTo(directSeq);
        assertThat(leavesOf(bobFrames, alice)).hasSize(2);
    }

    @Inject
    Pool pool;

    private String knownDisplayName(TestUser user) {
        return pool.withConnection(c -> c.preparedQuery("SELECT display_name FROM known_users WHERE user_id = $1")
                        .execute(Tuple.of(user.id())))
                .map(rows -> rows.iterator().hasNext() ? rows.iterator().next().getString("display_name") : null)
                .await().indefinitely();
    }

    private static List<JsonNode> leavesOf(Frames frames, TestUser user) {
        return frames.events("member.left").stream()
                .filter(event -> event.path("userId").asText().equals(user.id().toString())).toList();
    }

    private static JsonPath details(TestUser reader, UUID conversation) {
        return given().auth().oauth2(reader.token()).get("/api/conversations/" + conversation)
                .then().statusCode(200).extract().jsonPath();
    }

    private static List<UUID> memberIds(TestUser reader, UUID conversation) {
        return details(reader, conversation).getList("members.userId", String.class).stream()
                .map(UUID::fromString).toList();
    }
}
