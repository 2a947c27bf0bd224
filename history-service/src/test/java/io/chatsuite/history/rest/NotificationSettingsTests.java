package io.chatsuite.history.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.chatsuite.contracts.notification.ConversationNotifications;
import io.chatsuite.contracts.notification.NotificationMode;
import io.chatsuite.contracts.protocol.ServerFrame;
import io.chatsuite.devstack.testing.LocalStackTestResource;
import io.chatsuite.devstack.testing.TestTokenIssuer;
import io.chatsuite.history.testing.ConversationScript;
import io.chatsuite.history.testing.HistoryClient;
import io.chatsuite.history.testing.MovableClock;
import io.chatsuite.history.testing.MovableClockProfile;
import io.chatsuite.history.testing.TestEvents;
import io.chatsuite.history.testing.TestUser;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.redis.datasource.pubsub.PubSubCommands.RedisSubscriber;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 18 item 6: notification settings that follow the user. history-service stores a conversation's mode and mute
 * and the account's do-not-disturb, serves them as they stand now (in the summaries too), refuses bad values by
 * name, and pushes every change to all of the user's sockets through their user:{id} channel.
 */
@QuarkusTest
@WithTestResource(LocalStackTestResource.class)
@WithTestResource(TestTokenIssuer.class)
@TestProfile(MovableClockProfile.class)
class NotificationSettingsTests {

    @Inject
    TestEvents events;

    @Inject
    HistoryClient history;

    @Inject
    MovableClock clock;

    @Inject
    RedisDataSource redis;

    @Inject
    ObjectMapper json;

    @AfterEach
    void clockBack() {
        clock.reset();
    }

    @Test
    void aMuteIsStoredForTheMemberAloneAndShownInTheirSummary() {
        TestUser alice = TestUser.named("alice");
        TestUser bob = TestUser.named("bob");
        ConversationScript chat = aRoom(alice, bob);
        Instant until = clock.instant().plus(Duration.ofHours(8)).truncatedTo(ChronoUnit.MILLIS);

        put(alice, chat, Map.of("mode", "mentions", "muted", true, "mutedUntil", until.toString())).statusCode(200)
                .body("mode", equalTo("mentions")).body("muted", equalTo(true))
                .body("mutedUntil", equalTo(until.toString()));

        history.as(alice).get("/api/history/conversations/{id}/notifications", chat.id()).then().statusCode(200)
                .body("mode", equalTo("mentions")).body("muted", equalTo(true));
        assertThat(history.summary(alice, chat.id()).notifications())
                .isEqualTo(new ConversationNotifications(NotificationMode.MENTIONS, true, until));
        assertThat(history.summary(bob, chat.id()).notifications()).as("Bob's own settings: the defaults")
                .isEqualTo(ConversationNotifications.DEFAULT);

        // For ever: muted without a time; and back to the defaults.
        put(alice, chat, Map.of("muted", true)).statusCode(200).body("mode", equalTo("all"))
                .body("muted", equalTo(true)).body("mutedUntil", nullValue());
        put(alice, chat, Map.of()).statusCode(200).body("muted", equalTo(false));
        assertThat(history.summary(alice, chat.id()).notifications()).isEqualTo(ConversationNotifications.DEFAULT);
    }

    @Test
    void badSettingsAreProblemsNamingTheFieldAndStrangersGetNotFound() {
        TestUser alice = TestUser.named("alice");
        TestUser mallory = TestUser.named("mallory");
        ConversationScript chat = aRoom(alice);

        problem(put(alice, chat, Map.of("mode", "loud")), "mode");
        problem(put(alice, chat, Map.of("muted", true, "mutedUntil", clock.instant().minusSeconds(1).toString())),
                "mutedUntil");
        problem(put(alice, chat, Map.of("muted", false, "mutedUntil", clock.instant().plusSeconds(60).toString())),
                "mutedUntil");
        problem(put(alice, chat, Map.of("mutedUntil", "tomorrow")), "mutedUntil");
        problem(history.as(alice).contentType(ContentType.JSON)
                .body(Map.of("until", clock.instant().minusSeconds(1).toString()))
                .put("/api/history/notifications/do-not-disturb").then(), "until");
        put(mallory, chat, Map.of("muted", true)).statusCode(404);
        history.as(mallory).get("/api/history/conversations/{id}/notifications", chat.id()).then().statusCode(404);
        assertThat(history.summary(alice, chat.id()).notifications()).isEqualTo(ConversationNotifications.DEFAULT);
    }

    @Test
    void aMuteAndDoNotDisturbEndAtTheTimeGiven() {
        TestUser alice = TestUser.named("alice");
        ConversationScript chat = aRoom(alice);
        Instant until = clock.instant().plus(Duration.ofHours(1));
        put(alice, chat, Map.of("mode", "mentions", "mutedUntil", until.toString())).statusCode(200);
        dnd(alice, Map.of("until", until.toString())).statusCode(200).body("on", equalTo(true));
        dndNow(alice).body("on", equalTo(true));

        clock.moveOn(Duration.ofMinutes(55));
        assertThat(history.summary(alice, chat.id()).notifications().muted()).as("five minutes before").isTrue();
        dndNow(alice).body("on", equalTo(true));

        clock.moveOn(Duration.ofMinutes(5));
        assertThat(history.summary(alice, chat.id()).notifications())
                .as("at the time given: unmuted, the mode stays")
                .isEqualTo(new ConversationNotifications(NotificationMode.MENTIONS, false, null));
        history.as(alice).get("/api/history/conversations/{id}/notifications", chat.id()).then()
                .body("muted", equalTo(false));
        dndNow(alice).body("on", equalTo(false)).body("until", nullValue());
    }

    @Test
    void everyChangeIsPushedToAllOfTheUsersSocketsAndNobodyElses() {
        TestUser alice = TestUser.named("alice");
        TestUser bob = TestUser.named("bob");
        ConversationScript chat = aRoom(alice, bob);
        List<JsonNode> toAlice = new CopyOnWriteArrayList<>();
        List<JsonNode> toBob = new CopyOnWriteArrayList<>();
        RedisSubscriber aliceChannel = redis.pubsub(String.class)
                .subscribe(ServerFrame.channelOf(alice.id()), frame -> toAlice.add(read(frame)));
        RedisSubscriber bobChannel = redis.pubsub(String.class)
                .subscribe(ServerFrame.channelOf(bob.id()), frame -> toBob.add(read(frame)));
        try {
            put(alice, chat, Map.of("mode", "mentions", "muted", true)).statusCode(200);
            dnd(alice, Map.of()).statusCode(200).body("on", equalTo(true)).body("until", nullValue());
            dnd(alice, Map.of("on", false)).statusCode(200);

            await().atMost(Duration.ofSeconds(20)).until(() -> toAlice.size() == 3);
            assertThat(toAlice.get(0).path("type").asText()).isEqualTo("notifications");
            assertThat(toAlice.get(0).path("conversationId").asText()).isEqualTo(chat.id().toString());
            assertThat(toAlice.get(0).path("notifications").path("mode").asText()).isEqualTo("mentions");
            assertThat(toAlice.get(0).path("notifications").path("muted").asBoolean()).isTrue();
            assertThat(toAlice.get(1).path("type").asText()).isEqualTo("do-not-disturb");
            assertThat(toAlice.get(1).path("doNotDisturb").path("on").asBoolean()).isTrue();
            assertThat(toAlice.get(2).path("doNotDisturb").path("on").asBoolean()).isFalse();
            dndNow(alice).body("on", equalTo(false));
            // Bob, in the same room, hears nothing of Alice's settings.
            put(bob, chat, Map.of("mode", "all")).statusCode(200);
            await().atMost(Duration.ofSeconds(20)).until(() -> toBob.size() == 1);
            assertThat(toAlice).hasSize(3);
        } finally {
            aliceChannel.unsubscribe();
            bobChannel.unsubscribe();
        }
    }

    private ConversationScript aRoom(TestUser owner, TestUser... others) {
        ConversationScript chat = new ConversationScript();
        events.publish(chat.group("Settings", owner, others));
        history.awaitStored(owner, chat.id(), chat.seq());
        return chat;
    }

    private ValidatableResponse put(TestUser user, ConversationScript chat, Map<String, Object> body) {
        return history.as(user).contentType(ContentType.JSON).body(body)
                .put("/api/history/conversations/{id}/notifications", chat.id()).then();
    }

    private ValidatableResponse dnd(TestUser user, Map<String, Object> body) {
        return history.as(user).contentType(ContentType.JSON).body(body)
                .put("/api/history/notifications/do-not-disturb").then();
    }

    private ValidatableResponse dndNow(TestUser user) {
        return history.as(user).get("/api/history/notifications/do-not-disturb").then().statusCode(200);
    }

    private static void problem(ValidatableResponse response, String field) {
        response.statusCode(400).contentType(containsString("application/problem+json"))
                .body("errors[0].field", equalTo(field));
    }

    private JsonNode read(String frame) {
        try {
            return json.readTree(frame);
        } catch (java.io.IOException e) {
            throw new AssertionError(frame, e);
        }
    }
}
