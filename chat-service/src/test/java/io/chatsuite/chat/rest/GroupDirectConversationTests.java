package io.chatsuite.chat.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

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
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(LocalStackTestResource.class)
@WithTestResource(TestTokenIssuer.class)
class GroupDirectConversationTests {

    @Inject
    ChatTestSupport chat;

    @Test
    void theSamePeopleInAnotherOrderFindTheSameConversation() {
        TestUser ann = chat.newUser("ann" + suffix());
        TestUser ben = chat.newUser("ben" + suffix());
        TestUser cat = chat.newUser("cat" + suffix());
        TestUser dan = chat.newUser("dan" + suffix());
        chat.awaitKnown(ann, ben, cat, dan);
        chat.awaitKnown(cat, ann, ben);

        String first = groupDirect(ann, ben.id(), cat.id()).then().statusCode(200)
                .body("conversation.kind", equalTo("GROUP_DIRECT"))
                .body("conversation.name", nullValue())
                .body("members.userId", containsInAnyOrder(ann.id().toString(), ben.id().toString(),
                        cat.id().toString()))
                .body("members.role", containsInAnyOrder("member", "member", "member"))
                .extract().path("conversation.id");
        String again = groupDirect(cat, ben.id(), ann.id()).then().statusCode(200)
                .extract().path("conversation.id");

        assertThat(again).isEqualTo(first);
        // Another set of people is another conversation, even with the same requester and one same member.
        assertThat(groupDirect(ann, ben.id(), dan.id()).then().statusCode(200)
                .extract().<String>path("conversation.id")).isNotEqualTo(first);
    }

    @Test
    void askingAgainAndAtOnceMakesOneConversationWithOneCreationEvent() {
        TestUser ann = chat.newUser("ann" + suffix());
        TestUser ben = chat.newUser("ben" + suffix());
        TestUser cat = chat.newUser("cat" + suffix());
        chat.awaitKnown(ann, ben, cat);
        Frames annFrames = chat.listen(ann);

        List<CompletableFuture<String>> atOnce = Stream.of(0, 1, 2).map(i -> CompletableFuture.supplyAsync(() ->
                groupDirect(ann, cat.id(), ben.id()).then().statusCode(200).extract()
                        .<String>path("conversation.id"))).toList();
        List<String> ids = atOnce.stream().map(CompletableFuture::join).toList();
        String again = groupDirect(ann, ben.id(), cat.id()).then().statusCode(200)
                .body("conversation.lastSeq", equalTo(1)).extract().path("conversation.id");

        assertThat(ids).containsOnly(again);
        await().atMost(Duration.ofSeconds(10)).until(() -> !annFrames.events("conversation.created").isEmpty());
        assertThat(annFrames.events("conversation.created")).hasSize(1)
                .allSatisfy(event -> assertThat(event.path("seq").asLong()).isEqualTo(1));
    }

    @Test
    void twoPeopleOrTenAreRefusedAndEveryRefusalNamesItsField() {
        TestUser ann = chat.newUser("ann" + suffix());
        TestUser ben = chat.newUser("ben" + suffix());
        TestUser cat = chat.newUser("cat" + suffix());
        chat.awaitKnown(ann, ben, cat);
        List<UUID> nine = new ArrayList<>();
        for (int i = 0; i < 9; i++) {
            nine.add(UUID.randomUUID());
        }

        refused(groupDirect(ann, ben.id()), 400, "userIds");
        refused(groupDirect(ann, nine.toArray(UUID[]::new)), 400, "userIds");
        refused(groupDirect(ann, ben.id(), cat.id(), ben.id()), 400, "userIds[2]");
        refused(groupDirect(ann, ben.id(), ann.id()), 400, "userIds[1]");
        refused(given().auth().oauth2(ann.token()).contentType(ContentType.JSON).body(Map.of())
                .post("/api/conversations/group-direct"), 400, "userIds");
        // An unknown user (404 naming userIds[i]) needs auth-service to say so: NewUserLookupTests, with its stand-in.
    }

    @Test
    void aBlockBetweenAnyTwoOfThePeopleRefusesTheConversationAndStopsTheirMessages() {
        TestUser ann = chat.newUser("ann" + suffix());
        TestUser ben = chat.newUser("ben" + suffix());
        TestUser cat = chat.newUser("cat" + suffix());
        TestUser dan = chat.newUser("dan" + suffix());
        chat.awaitKnown(ann, ben, cat, dan);
        UUID existing = UUID.fromString(groupDirect(ann, ben.id(), cat.id()).then().statusCode(200).extract()
                .path("conversation.id"));
        Frames benFrames = chat.listen(ben);
        Frames catFrames = chat.listen(cat);

        // Neither ann nor the requester: a block between two of the others is enough.
        chat.block(ben, cat);
        await().atMost(Duration.ofSeconds(60)).until(() -> groupDirect(ann, cat.id(), dan.id(), ben.id())
                .statusCode() == 403);
        refused(groupDirect(ann, cat.id(), dan.id(), ben.id()), 403, null);
        // The requester blocked by one of them.
        chat.block(dan, ann);
        await().atMost(Duration.ofSeconds(60)).until(() -> groupDirect(ann, dan.id(), cat.id()).statusCode() == 403);

        // In the existing one, as in a direct conversation, the two across the block cannot send...
        chat.send(new SendMessage("from-blocked", existing, cat.id(), cat.session(), Instant.now(), "hello?",
                MessageFormat.PLAIN, null, List.of()));
        assertThat(catFrames.awaitReply("from-blocked").path("code").asText()).isEqualTo("blocked");
        // ...while the third member still can, and both hear it.
        Frames annFrames = chat.listen(ann);
        chat.send(new SendMessage("from-ann", existing, ann.id(), ann.session(), Instant.now(), "still here",
                MessageFormat.PLAIN, null, List.of()));
        assertThat(annFrames.awaitReply("from-ann").path("type").asText()).isEqualTo("ack");
        await().atMost(Duration.ofSeconds(10)).until(() -> !benFrames.events("message.created").isEmpty());
    }

    @Test
    void messagesReachEveryMemberInOneGaplessTimeline() {
        TestUser ann = chat.newUser("ann" + suffix());
        TestUser ben = chat.newUser("ben" + suffix());
        TestUser cat = chat.newUser("cat" + suffix());
        chat.awaitKnown(ann, ben, cat);
        UUID conversation = UUID.fromString(groupDirect(ann, ben.id(), cat.id()).then().statusCode(200).extract()
                .path("conversation.id"));
        Frames benFrames = chat.listen(ben);
        Frames catFrames = chat.listen(cat);

        chat.send(new SendMessage("g-1", conversation, ann.id(), ann.session(), Instant.now(), "hi both",
                MessageFormat.PLAIN, null, List.of()));
        chat.send(new SendMessage("g-2", conversation, ben.id(), ben.session(), Instant.now(), "hi",
                MessageFormat.PLAIN, null, List.of()));

        await().atMost(Duration.ofSeconds(30)).until(() -> catFrames.events("message.created").size() == 2);
        assertThat(catFrames.events("message.created")).extracting(e -> e.path("seq").asLong())
                .containsExactlyInAnyOrder(2L, 3L);
        await().atMost(Duration.ofSeconds(30)).until(() -> benFrames.events("message.created").size() == 2);
    }

    private static void refused(Response response, int status, String field) {
        var then = response.then().statusCode(status).contentType("application/problem+json");
        if (field != null) {
            then.body("errors[0].field", equalTo(field));
        }
    }

    private static Response groupDirect(TestUser from, UUID... others) {
        return given().auth().oauth2(from.token()).contentType(ContentType.JSON)
                .body(Map.of("userIds", List.of(others))).post("/api/conversations/group-direct");
    }

    private static String suffix() {
        return UUID.randomUUID().toString().substring(0, 8);
    }
}
