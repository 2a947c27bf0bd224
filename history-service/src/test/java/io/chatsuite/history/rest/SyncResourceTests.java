package io.chatsuite.history.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import io.chatsuite.contracts.chat.ChatEvent;
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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import java.util.stream.Stream;
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

        assertThat(sync.conversations()).extracting(ConversationNews::conversationId, ConversationNews::latestSeq,
                        ConversationNews::newEvents)
                .containsExactlyInAnyOrder(tuple(busy.id(), 3L, 2L), tuple(joinedMeanwhile.id(), 3L, 3L));
        assertThat(sync.gone()).containsExactlyInAnyOrder(notMine.id(), neverExisted);
    }

    @Test
    void bringsTheNewEventsAlongWhenAConversationHasFew() {
        TestUser alice = TestUser.named("alice");
        TestUser bob = TestUser.named("bob");
        ConversationScript few = new ConversationScript();
        ConversationScript many = new ConversationScript();
        events.publish(few.group("Few", alice, bob), few.message(bob, "one"), few.message(bob, "two"));
        events.publish(many.group("Many", alice, bob));
        for (int i = 1; i <= 20; i++) {
            events.publish(many.message(bob, "message " + i));
        }
        history.awaitStored(bob, few.id(), few.seq());
        history.awaitStored(bob, many.id(), many.seq());

        Map<UUID, ConversationNews> news = byConversation(history.sync(alice, Map.of(few.id(), 1L, many.id(), 0L)));

        assertThat(news.get(few.id()).events()).as("the events after the client's seq, as the events pages give them")
                .isEqualTo(history.events(alice, few.id(), 1, 50).events());
        assertThat(news.get(few.id()).events()).extracting(ChatEvent::seq).containsExactly(2L, 3L);
        assertThat(news.get(many.id()).newEvents()).isEqualTo(21);
        assertThat(news.get(many.id()).events()).as("over 20: read from the events pages").isNull();
        assertThat(byConversation(history.sync(alice, Map.of(many.id(), 1L))).get(many.id()).events())
                .extracting(ChatEvent::seq).containsExactlyElementsOf(LongStream.rangeClosed(2, 21).boxed().toList());
    }

    @Test
    void bringsNoMoreThanABoundedAnswerOfEvents() {
        TestUser alice = TestUser.named("alice");
        TestUser bob = TestUser.named("bob");
        ConversationScript large = new ConversationScript();
        events.publish(large.group("Large", alice, bob), large.message(bob, "x".repeat(30_000)),
                large.message(bob, "y".repeat(30_000)), large.message(bob, "z".repeat(30_000)));
        // Five conversations of about 60 KB of news each: four fit in the answer's 256 KiB, the least recently active
        // (the first) does not.
        List<ConversationScript> busy = Stream.generate(ConversationScript::new).limit(5).toList();
        busy.forEach(conversation -> events.publish(conversation.group("Busy", alice, bob),
                conversation.message(bob, "a".repeat(30_000)), conversation.message(bob, "b".repeat(30_000))));
        history.awaitStored(bob, large.id(), large.seq());
        busy.forEach(conversation -> history.awaitStored(bob, conversation.id(), conversation.seq()));

        Map<UUID, Long> known = new HashMap<>();
        known.put(large.id(), 1L);
        busy.forEach(conversation -> known.put(conversation.id(), 1L));
        Map<UUID, ConversationNews> news = byConversation(history.sync(alice, known));

        assertThat(news.get(large.id()).newEvents()).isEqualTo(3);
        assertThat(news.get(large.id()).events()).as("90 KB of news in one conversation: from the pages").isNull();
        assertThat(news.get(busy.get(0).id()).events()).as("over the answer's budget").isNull();
        busy.subList(1, 5).forEach(conversation -> assertThat(news.get(conversation.id()).events()).hasSize(2));
    }

    private static Map<UUID, ConversationNews> byConversation(SyncResponse sync) {
        return sync.conversations().stream().collect(Collectors.toMap(ConversationNews::conversationId, news -> news));
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
