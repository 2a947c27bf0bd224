package io.chatsuite.chat.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

import com.fasterxml.jackson.databind.JsonNode;
import io.chatsuite.chat.ChatTestSupport;
import io.chatsuite.chat.ChatTestSupport.Frames;
import io.chatsuite.chat.ChatTestSupport.TestUser;
import io.chatsuite.contracts.chat.MarkRead;
import io.chatsuite.contracts.chat.MessageFormat;
import io.chatsuite.contracts.chat.SendMessage;
import io.chatsuite.contracts.protocol.MembersFrame;
import io.chatsuite.devstack.testing.LocalStackTestResource;
import io.chatsuite.devstack.testing.TestTokenIssuer;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Room settings, roles, archiving and deleting, through the REST API as clients call it. */
@QuarkusTest
@WithTestResource(LocalStackTestResource.class)
@WithTestResource(TestTokenIssuer.class)
class RoomResourceTests {

    private static final String MERGE_PATCH = "application/merge-patch+json";

    @Inject
    ChatTestSupport chat;

    @Inject
    RedisDataSource redis;

    TestUser owner;
    TestUser admin;
    TestUser otherAdmin;
    TestUser member;
    String room;

    @BeforeEach
    void aPublicRoomWithTwoAdminsAndAMember() {
        owner = chat.newUser("owner" + suffix());
        admin = chat.newUser("admin" + suffix());
        otherAdmin = chat.newUser("admin2" + suffix());
        member = chat.newUser("member" + suffix());
        chat.awaitKnown(owner, admin, otherAdmin, member);
        room = given().auth().oauth2(owner.token()).contentType(ContentType.JSON)
                .body(Map.of("name", "Plans " + suffix(), "topic", "what next", "isPublic", true))
                .post("/api/rooms").then().statusCode(200).extract().path("conversation.id");
        addMember(owner, admin, "admin").then().statusCode(200);
        addMember(owner, otherAdmin, "ADMIN").then().statusCode(200);
        addMember(owner, member, null).then().statusCode(200);
    }

    @Test
    void onlyTheOwnerDemotesOrRemovesAnAdmin() {
        addMember(admin, otherAdmin, "member").then().statusCode(403).contentType("application/problem+json");
        given().auth().oauth2(admin.token()).delete("/api/rooms/" + room + "/members/" + otherAdmin.id())
                .then().statusCode(403);
        roleOf(otherAdmin).then().body(rolePath(otherAdmin), equalTo("admin"));

        // An admin still manages members; the owner manages admins.
        given().auth().oauth2(admin.token()).delete("/api/rooms/" + room + "/members/" + member.id())
                .then().statusCode(204);
        addMember(owner, otherAdmin, "member").then().statusCode(200);
        given().auth().oauth2(owner.token()).delete("/api/rooms/" + room + "/members/" + otherAdmin.id())
                .then().statusCode(204);
    }

    @Test
    void rolesAreWrittenInLowerCaseAndReadInEitherCase() {
        roleOf(owner).then().body(rolePath(owner), equalTo("owner")).body(rolePath(admin), equalTo("admin"))
                .body(rolePath(member), equalTo("member"));
        addMember(owner, member, "Admin").then().statusCode(200).body(rolePath(member), equalTo("admin"));
        addMember(owner, member, "boss").then().statusCode(400).contentType("application/problem+json")
                .body("errors[0].field", equalTo("role"));
    }

    @Test
    void aPatchChangesOnlyWhatItNames() {
        Frames frames = chat.listen(owner);
        patch(admin, "{\"topic\":\"only the topic\"}").then().statusCode(200)
                .body("conversation.topic", equalTo("only the topic"))
                .body("conversation.isPublic", equalTo(true));
        String renamed = "Renamed " + suffix();
        patch(owner, "{\"name\":\"" + renamed + "\"}").then().statusCode(200)
                .body("conversation.name", equalTo(renamed))
                .body("conversation.topic", equalTo("only the topic"))
                .body("conversation.isPublic", equalTo(true));
        given().auth().oauth2(member.token()).queryParam("q", renamed).get("/api/rooms").then().statusCode(200)
                .body("id", hasItem(room));
        patch(owner, "{\"topic\":null}").then().statusCode(200).body("conversation.topic", nullValue())
                .body("conversation.name", equalTo(renamed));
        // Plain JSON is read the same way.
        given().auth().oauth2(owner.token()).contentType(ContentType.JSON).body("{\"isPublic\":false}")
                .patch("/api/rooms/" + room).then().statusCode(200).body("conversation.isPublic", equalTo(false))
                .body("conversation.name", equalTo(renamed));

        await().atMost(Duration.ofSeconds(10)).until(() -> frames.events("conversation.updated").size() == 4);
        List<JsonNode> updates = frames.events("conversation.updated");
        assertThat(updates).extracting(e -> e.path("name").asText()).endsWith(renamed, renamed, renamed);
        assertThat(updates).extracting(e -> e.path("isPublic").asBoolean()).containsExactly(true, true, true, false);
    }

    @Test
    void aPatchRefusesWhatIsNotASettingAndWhatCannotBeCleared() {
        patch(owner, "{\"name\":null}").then().statusCode(400).body("errors[0].field", equalTo("name"));
        patch(owner, "{\"isPublic\":null}").then().statusCode(400).body("errors[0].field", equalTo("isPublic"));
        patch(owner, "{\"archived\":true}").then().statusCode(400).body("errors[0].field", equalTo("archived"));
        patch(owner, "{\"topic\":\"" + "x".repeat(501) + "\"}").then().statusCode(400)
                .contentType("application/problem+json").body("errors[0].field", equalTo("topic"));
        patch(member, "{\"topic\":\"mine now\"}").then().statusCode(403);
    }

    @Test
    void anArchivedRoomIsReadOnlyUntilItsOwnerUnarchivesIt() {
        Frames memberFrames = chat.listen(member);
        chat.send(send(member, "before", "still open"));
        assertThat(memberFrames.awaitReply("before").path("type").asText()).isEqualTo("ack");

        given().auth().oauth2(admin.token()).post("/api/rooms/" + room + "/archive").then().statusCode(403);
        given().auth().oauth2(owner.token()).post("/api/rooms/" + room + "/archive").then().statusCode(200)
                .body("conversation.archived", equalTo(true));

        chat.send(send(member, "after", "too late"));
        JsonNode refused = memberFrames.awaitReply("after");
        assertThat(refused.path("code").asText()).isEqualTo("forbidden");
        assertThat(refused.path("message").asText()).contains("archived");
        chat.send(new MarkRead("read-archived", UUID.fromString(room), member.id(), member.session(), Instant.now(),
                100));
        assertThat(memberFrames.awaitReply("read-archived").path("type").asText()).isEqualTo("ack");
        patch(owner, "{\"topic\":\"x\"}").then().statusCode(409);
        TestUser newcomer = chat.newUser("late" + suffix());
        chat.awaitKnown(owner, newcomer);
        given().auth().oauth2(newcomer.token()).post("/api/rooms/" + room + "/join").then().statusCode(409);
        await().atMost(Duration.ofSeconds(10)).until(() -> memberFrames.events("conversation.updated").stream()
                .anyMatch(e -> e.path("archived").asBoolean()));

        given().auth().oauth2(owner.token()).post("/api/rooms/" + room + "/unarchive").then().statusCode(200)
                .body("conversation.archived", equalTo(false));
        chat.send(send(member, "again", "open again"));
        assertThat(memberFrames.awaitReply("again").path("type").asText()).isEqualTo("ack");
    }

    @Test
    void aDeletedRoomIsGoneForEveryoneAfterALastEvent() {
        Frames memberFrames = chat.listen(member);
        chat.send(send(member, "last-words", "bye"));
        long seq = memberFrames.awaitReply("last-words").path("seq").asLong();

        given().auth().oauth2(admin.token()).delete("/api/rooms/" + room).then().statusCode(403);
        given().auth().oauth2(owner.token()).delete("/api/rooms/" + room).then().statusCode(204);

        await().atMost(Duration.ofSeconds(10)).until(() -> memberFrames.events("conversation.deleted").size() == 1);
        JsonNode deleted = memberFrames.events("conversation.deleted").get(0);
        assertThat(deleted.path("seq").asLong()).isEqualTo(seq + 1);
        assertThat(deleted.path("formerMembers")).extracting(JsonNode::asText)
                .containsExactlyInAnyOrder(owner.id().toString(), admin.id().toString(),
                        otherAdmin.id().toString(), member.id().toString());
        for (TestUser user : List.of(owner, admin, member)) {
            given().auth().oauth2(user.token()).get("/api/conversations/" + room).then().statusCode(404);
            given().auth().oauth2(user.token()).get("/api/conversations").then().statusCode(200)
                    .body("id", not(hasItem(room)));
        }
        given().auth().oauth2(member.token()).post("/api/rooms/" + room + "/join").then().statusCode(404);
        given().auth().oauth2(member.token()).queryParam("q", "Plans").get("/api/rooms").then().statusCode(200)
                .body("id", not(hasItem(room)));
        chat.send(send(member, "ghost", "anyone?"));
        assertThat(memberFrames.awaitReply("ghost").path("code").asText()).isEqualTo("not_found");
    }

    @Test
    void aRoomsEventIsPublishedOnceForAllItsMembersOnceTheyAreManyEnough() {
        List<TestUser> members = new ArrayList<>(List.of(owner, admin, otherAdmin, member));
        while (members.size() < MembersFrame.FROM_RECIPIENTS) {
            TestUser joining = chat.newUser("many" + members.size() + suffix());
            chat.awaitKnown(owner, joining);
            addMember(owner, joining, null).then().statusCode(200);
            members.add(joining);
        }
        Frames memberFrames = chat.listen(member);
        List<MembersFrame> published = new CopyOnWriteArrayList<>();
        var subscription = redis.pubsub(String.class).subscribe(MembersFrame.CHANNEL,
                message -> published.add(MembersFrame.read(message)));
        try {
            chat.send(send(member, "to-many", "hello, everyone"));

            await().atMost(Duration.ofSeconds(10)).until(() -> memberFrames.events("message.created").stream()
                    .anyMatch(event -> event.path("clientId").asText().equals("to-many")));
            List<MembersFrame> ours = published.stream()
                    .filter(frame -> frame.published().contains("hello, everyone")).toList();
            assertThat(ours).hasSize(1);
            assertThat(ours.get(0).to()).containsExactlyInAnyOrderElementsOf(members.stream().map(TestUser::id).toList());
            assertThat(memberFrames.events("message.created")).hasSize(1);
        } finally {
            subscription.unsubscribe();
        }
    }

    @Test
    void nobodyIsAddedAcrossABlockEitherWay() {
        TestUser blocker = chat.newUser("blocker" + suffix());
        TestUser blocked = chat.newUser("blocked" + suffix());
        chat.awaitKnown(owner, blocker, blocked);
        chat.block(blocker, owner);
        chat.block(admin, blocked);

        // Once chat-service knows the blocks (a direct conversation across them is refused), adding is refused too.
        await().atMost(Duration.ofSeconds(30)).until(() -> direct(owner, blocker).statusCode() == 403
                && direct(admin, blocked).statusCode() == 403);
        addMember(owner, blocker, null).then().statusCode(403).contentType("application/problem+json");
        addMember(admin, blocked, null).then().statusCode(403);
        // Someone the block does not concern may still add them.
        addMember(owner, blocked, null).then().statusCode(200);
    }

    private Response addMember(TestUser actor, TestUser user, String role) {
        Map<String, Object> body = role == null ? Map.of("userId", user.id())
                : Map.of("userId", user.id(), "role", role);
        return given().auth().oauth2(actor.token()).contentType(ContentType.JSON).body(body)
                .post("/api/rooms/" + room + "/members");
    }

    private static Response direct(TestUser from, TestUser to) {
        return given().auth().oauth2(from.token()).contentType(ContentType.JSON).body(Map.of("userId", to.id()))
                .post("/api/conversations/direct");
    }

    private Response roleOf(TestUser asker) {
        return given().auth().oauth2(asker.token()).get("/api/conversations/" + room);
    }

    private static String rolePath(TestUser user) {
        return "members.find { it.userId == '" + user.id() + "' }.role";
    }

    private Response patch(TestUser actor, String json) {
        return given().auth().oauth2(actor.token()).contentType(MERGE_PATCH).body(json).patch("/api/rooms/" + room);
    }

    private SendMessage send(TestUser sender, String clientId, String body) {
        return new SendMessage(clientId, UUID.fromString(room), sender.id(), sender.session(), Instant.now(), body,
                MessageFormat.PLAIN, null, List.of());
    }

    private static String suffix() {
        return UUID.randomUUID().toString().substring(0, 8);
    }
}
