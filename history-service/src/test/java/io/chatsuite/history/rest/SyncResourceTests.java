package io.chatsuite.history.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import io.chatsuite.devstack.testing.LocalStackTestResource;
import io.chatsuite.devstack.testing.TestTokenIssuer;
import io.chatsuite.history.api.SyncResponse;
import io.chatsuite.history.api.SyncResponse.ConversationNews;
import io.chatsuite.history.testing.ConversationScript;
import io.chatsuite.history.testing.HistoryClient;
import io.chatsuite.history.testing.TestEvents;
import io.chatsuite.history.testing.TestUser;
import io.chatsuite.problem.Problem;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(LocalStackTestResource.class)
@WithTestResource(TestTokenIssuer.class)
class SyncResourceTests {

    @Inject
    TestEvents events;

    @Inject
    HistoryClient history;

    @Test
    void saysWhichConversationsHaveNewsAndHowMuch() {
        TestUser alice = TestUser.named("alice");
        TestUser bob = TestUser.named("bob");
        ConversationScript busy = new ConversationScript();
        ConversationScript upToDate = new ConversationScript();
        ConversationScript joinedMeanwhile = new ConversationScript();
        ConversationScript notMine = new ConversationScript();
        events.publish(busy.group("Busy", alice, bob), busy.message(bob, "1"), busy.message(bob, "2"));
        events.publish(upToDate.group("Up to date", alice), upToDate.message(alice, "done"));
        events.publish(joinedMeanwhile.group("New", bob), joinedMeanwhile.message(bob, "hi"),
                joinedMeanwhile.join(alice));
        events.publish(notMine.group("Not mine", bob));
        history.awaitStored(bob, busy.id(), busy.seq());
        history.awaitStored(alice, upToDate.id(), upToDate.seq());
        history.awaitStored(bob, joinedMeanwhile.id(), joinedMeanwhile.seq());
        history.awaitStored(bob, notMine.id(), notMine.seq());
        UUID neverExisted = UUID.randomUUID();

        SyncResponse sync = history.sync(alice, Map.of(busy.id(), 1L, upToDate.id(), upToDate.seq(),
                notMine.id(), 0L, neverExisted, 0L));

        assertThat(sync.conversations()).containsExactlyInAnyOrder(
                new ConversationNews(busy.id(), 3, 2),
                new ConversationNews(joinedMeanwhile.id(), 3, 3));
        assertThat(sync.gone()).containsExactlyInAnyOrder(notMine.id(), neverExisted);
    }

    @Test
    void refusesBadLastSeqsNamingTheField() {
        TestUser alice = TestUser.named("alice");

        history.as(alice).contentType(ContentType.JSON)
                .body(Map.of("conversations", Map.of(UUID.randomUUID().toString(), -1)))
                .post("/api/history/sync")
                .then().statusCode(400).contentType(Problem.MEDIA_TYPE)
                .body("errors[0].field", equalTo("conversations"));
        history.as(alice).contentType(ContentType.JSON)
                .body("{\"conversations\": {\"" + UUID.randomUUID() + "\": \"lots\"}}")
                .post("/api/history/sync")
                .then().statusCode(400).contentType(Problem.MEDIA_TYPE)
                .body("errors[0].field", startsWith("conversations"));
    }
}
