package io.chatsuite.history.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.chatsuite.contracts.chat.ConversationCreated;
import io.chatsuite.contracts.chat.MessageCreated;
import io.chatsuite.contracts.chat.MessageFormat;
import io.chatsuite.devstack.testing.LocalStackTestResource;
import io.chatsuite.devstack.testing.TestTokenIssuer;
import io.chatsuite.history.api.ConversationSummary;
import io.chatsuite.history.testing.ConversationScript;
import io.chatsuite.history.testing.HistoryClient;
import io.chatsuite.history.testing.TestEvents;
import io.chatsuite.history.testing.TestUser;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.junit.jupiter.api.Test;

/** Archived and deleted rooms, and events stored before the wire spelling was settled. */
@QuarkusTest
@WithTestResource(LocalStackTestResource.class)
@WithTestResource(TestTokenIssuer.class)
class RoomLifecycleTests {

    @Inject
    TestEvents events;

    @Inject
    HistoryClient history;

    @Inject
    ObjectMapper mapper;

    @Test
    void eventsStoredWithUpperCaseFormatsAndRolesAreServedInLowerCase() throws Exception {
        TestUser alice = TestUser.named("alice");
        ConversationScript chat = new ConversationScript();
        ConversationCreated created = chat.group("Old spelling", alice);
        MessageCreated hello = chat.message(alice, "*hi*", MessageFormat.PLAIN, null, List.of());
        // As chat-service wrote them before formats and roles went lower case.
        String oldCreated = mapper.writeValueAsString(created).replace("\"owner\"", "\"OWNER\"");
        String oldHello = mapper.writeValueAsString(hello).replace("\"plain\"", "\"PLAIN\"");
        assertThat(oldCreated).contains("\"OWNER\"");
        assertThat(oldHello).contains("\"PLAIN\"");
        events.publishJson(chat.id(), oldCreated);
        events.publishJson(chat.id(), oldHello);
        history.awaitStored(alice, chat.id(), chat.seq());

        JsonPath page = history.as(alice).get("/api/history/conversations/{id}/events", chat.id()).then()
                .statusCode(200).extract().jsonPath();
        assertThat(page.getString("events[0].members[0].role")).isEqualTo("owner");
        assertThat(page.getString("events[1].format")).isEqualTo("plain");
        JsonPath messages = history.as(alice).get("/api/history/conversations/{id}/messages", chat.id()).then()
                .statusCode(200).extract().jsonPath();
        assertThat(messages.getString("messages[0].format")).isEqualTo("plain");
    }

    @Test
    void anArchivedRoomIsFlaggedInTheConversationList() {
        TestUser alice = TestUser.named("alice");
        ConversationScript chat = new ConversationScript();
        events.publish(chat.group("Done", alice), chat.message(alice, "wrap up"), chat.archive(alice, "Done", true));
        history.awaitStored(alice, chat.id(), chat.seq());

        assertThat(history.summary(alice, chat.id()).archived()).isTrue();
        assertThat(history.as(alice).get("/api/history/conversations/{id}/events", chat.id()).then()
                .statusCode(200).extract().jsonPath().getBoolean("events[2].archived")).isTrue();

        events.publish(chat.archive(alice, "Done", false));
        history.awaitStored(alice, chat.id(), chat.seq());
        assertThat(history.summary(alice, chat.id()).archived()).isFalse();
    }

    @Test
    void aDeletedRoomIsGoneForEveryoneAndAReplayBringsNothingBack() {
        TestUser alice = TestUser.named("alice");
        TestUser bob = TestUser.named("bob");
        ConversationScript chat = new ConversationScript();
        ConversationCreated created = chat.group("Doomed", alice, bob);
        MessageCreated secret = chat.message(bob, "zanzibar plans");
        events.publish(created, secret);
        history.awaitStored(bob, chat.id(), chat.seq());
        assertThat(history.search(bob, "zanzibar", 0, 10).hits()).hasSize(1);

        List<RecordMetadata> deleted = events.publish(chat.deleteRoom(alice, alice, bob));
        events.awaitConsumed("history-service", deleted.get(0));

        for (TestUser user : List.of(alice, bob)) {
            assertThat(history.summaries(user)).extracting(ConversationSummary::conversationId)
                    .doesNotContain(chat.id());
            history.as(user).get("/api/history/conversations/{id}/messages", chat.id()).then().statusCode(404);
            history.as(user).get("/api/history/conversations/{id}/events", chat.id()).then().statusCode(404);
            assertThat(history.sync(user, Map.of(chat.id(), 0L)).gone()).containsExactly(chat.id());
            assertThat(history.search(user, "zanzibar", 0, 10).hits()).isEmpty();
        }

        // A redelivery of the room's older events (a consumer rewound after a crash) changes nothing.
        List<RecordMetadata> replayed = events.publish(created, secret);
        events.awaitConsumed("history-service", replayed.get(1));
        await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(5)).until(() ->
                history.summaries(bob).stream().noneMatch(summary -> summary.conversationId().equals(chat.id())));
        history.as(bob).get("/api/history/conversations/{id}/messages", chat.id()).then().statusCode(404);
        assertThat(history.search(bob, "zanzibar", 0, 10).hits()).isEmpty();
    }
}
