package io.chatsuite.chat.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

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
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(LocalStackTestResource.class)
@WithTestResource(TestTokenIssuer.class)
class ConversationResourceTests {

    @Inject
    ChatTestSupport chat;

    @Test
    void askingForADirectConversationAgainReturnsTheSameOne() {
        TestUser ann = chat.newUser("ann" + suffix());
        TestUser ben = chat.newUser("ben" + suffix());
        chat.awaitKnown(ann, ben);
        chat.awaitKnown(ben, ann);

        String first = direct(ann, ben).then().statusCode(200).extract().path("conversation.id");
        String again = direct(ben, ann).then().statusCode(200).extract().path("conversation.id");

        assertThat(again).isEqualTo(first);
        given().auth().oauth2(ann.token()).get("/api/conversations").then().statusCode(200)
                .body("id", hasItem(first));
    }

    @Test
    void aBlockForbidsANewDirectConversationAndMessagesInTheOldOne() {
        TestUser cat = chat.newUser("cat" + suffix());
        TestUser dan = chat.newUser("dan" + suffix());
        TestUser eve = chat.newUser("eve" + suffix());
        chat.awaitKnown(cat, dan, eve);
        UUID existing = UUID.fromString(direct(cat, dan).then().statusCode(200).extract().path("conversation.id"));
        Frames catFrames = chat.listen(cat);

        chat.block(dan, cat);
        chat.block(eve, cat);

        await().atMost(Duration.ofSeconds(60)).until(() -> direct(cat, eve).statusCode() == 403);
        direct(cat, eve).then().contentType("application/problem+json");
        chat.send(new SendMessage("to-blocker", existing, cat.id(), cat.session(), Instant.now(), "hello?",
                MessageFormat.PLAIN,
                null, List.of()));
        assertThat(catFrames.awaitReply("to-blocker").path("code").asText()).isEqualTo("blocked");
    }

    @Test
    void publicRoomsAreFoundJoinedAndLeftAndEachChangeIsATimelineEvent() {
        TestUser owner = chat.newUser("owner" + suffix());
        TestUser guest = chat.newUser("guest" + suffix());
        chat.awaitKnown(owner, guest);
        String name = "Lobby " + suffix();
        String room = given().auth().oauth2(owner.token()).contentType(ContentType.JSON)
                .body(Map.of("name", name, "topic", "all welcome", "isPublic", true))
                .post("/api/rooms").then().statusCode(200)
                .body("members[0].role", equalTo("owner")).extract().path("conversation.id");
        Frames ownerFrames = chat.listen(owner);

        given().auth().oauth2(guest.token()).queryParam("q", name.substring(0, 8)).get("/api/rooms")
                .then().statusCode(200).body("id", hasItem(room));
        given().auth().oauth2(guest.token()).post("/api/rooms/" + room + "/join").then().statusCode(200)
                .body("conversation.lastSeq", equalTo(2));
        given().auth().oauth2(guest.token()).delete("/api/rooms/" + room + "/members/" + owner.id())
                .then().statusCode(403).contentType("application/problem+json");
        given().auth().oauth2(owner.token()).contentType(ContentType.JSON)
                .body(Map.of("name", name + " renamed", "isPublic", true))
                .patch("/api/rooms/" + room).then().statusCode(200).body("conversation.name",
                        equalTo(name + " renamed"));
        given().auth().oauth2(guest.token()).post("/api/rooms/" + room + "/leave").then().statusCode(204);
        given().auth().oauth2(guest.token()).get("/api/conversations/" + room).then().statusCode(404);

        await().atMost(Duration.ofSeconds(10)).until(() -> ownerFrames.ofType("event").size() >= 3);
        List<JsonNode> events = ownerFrames.ofType("event").stream().map(f -> f.get("event")).toList();
        assertThat(events).extracting(e -> e.path("type").asText())
                .containsExactly("member.joined", "conversation.updated", "member.left");
        assertThat(events).extracting(e -> e.path("seq").asLong()).containsExactly(2L, 3L, 4L);
    }

    @Test
    void privateRoomsCannotBeJoinedOrSeenByOutsiders() {
        TestUser owner = chat.newUser("keeper" + suffix());
        TestUser outsider = chat.newUser("outsider" + suffix());
        chat.awaitKnown(owner, outsider);
        String room = given().auth().oauth2(owner.token()).contentType(ContentType.JSON)
                .body(Map.of("name", "Secret " + suffix(), "isPublic", false))
                .post("/api/rooms").then().statusCode(200).extract().path("conversation.id");

        given().auth().oauth2(outsider.token()).post("/api/rooms/" + room + "/join").then().statusCode(404);
        given().auth().oauth2(outsider.token()).get("/api/conversations/" + room).then().statusCode(404);
        given().auth().oauth2(outsider.token()).queryParam("q", "Secret").get("/api/rooms").then().statusCode(200)
                .body("id", not(hasItem(room)));
        given().auth().oauth2(outsider.token()).get("/api/conversations/" + UUID.randomUUID()).then().statusCode(404);
    }

    @Test
    void badRequestsNameTheFieldAndAnonymousCallersAreRefused() {
        TestUser someone = chat.newUser("someone" + suffix());
        given().auth().oauth2(someone.token()).contentType(ContentType.JSON).body(Map.of("name", " "))
                .post("/api/rooms").then().statusCode(400).body("errors[0].field", equalTo("name"));
        given().auth().oauth2(someone.token()).queryParam("size", 1000).get("/api/rooms")
                .then().statusCode(400).body("errors[0].field", equalTo("size"));
        // Not numbers at all, or too big for any integer: still a 400 naming the parameter, never a 404.
        given().auth().oauth2(someone.token()).queryParam("page", "abc").get("/api/rooms")
                .then().statusCode(400).contentType("application/problem+json").body("errors[0].field", equalTo("page"));
        given().auth().oauth2(someone.token()).queryParam("page", "99999999999999999999").get("/api/rooms")
                .then().statusCode(400).body("errors[0].field", equalTo("page"));
        given().auth().oauth2(someone.token()).queryParam("size", "twenty").get("/api/rooms")
                .then().statusCode(400).body("errors[0].field", equalTo("size"));
        given().get("/api/conversations").then().statusCode(401)
                .contentType("application/problem+json").body("status", equalTo(401));
    }

    private static io.restassured.response.Response direct(TestUser from, TestUser to) {
        return given().auth().oauth2(from.token()).contentType(ContentType.JSON).body(Map.of("userId", to.id()))
                .post("/api/conversations/direct");
    }

    private static String suffix() {
        return UUID.randomUUID().toString().substring(0, 8);
    }
}
