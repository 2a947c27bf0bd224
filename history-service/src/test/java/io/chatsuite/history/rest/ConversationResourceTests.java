package io.chatsuite.history.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import io.chatsuite.contracts.chat.AttachmentRef;
import io.chatsuite.contracts.chat.ChatEvent;
import io.chatsuite.contracts.chat.MessageCreated;
import io.chatsuite.contracts.chat.MessageFormat;
import io.chatsuite.contracts.user.ProfileUpdated;
import io.chatsuite.contracts.user.UserRegistered;
import io.chatsuite.devstack.testing.LocalStackTestResource;
import io.chatsuite.devstack.testing.TestTokenIssuer;
import io.chatsuite.history.api.MessagePage;
import io.chatsuite.history.api.MessageView;
import io.chatsuite.history.testing.ConversationScript;
import io.chatsuite.history.testing.HistoryClient;
import io.chatsuite.history.testing.TestEvents;
import io.chatsuite.history.testing.TestUser;
import io.chatsuite.problem.Problem;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(LocalStackTestResource.class)
@WithTestResource(TestTokenIssuer.class)
class ConversationResourceTests {

    @Inject
    TestEvents events;

    @Inject
    HistoryClient history;

    @Test
    void pagesFromTheNewestBackwardsEachOldestFirst() {
        TestUser alice = TestUser.named("alice");
        ConversationScript chat = new ConversationScript();
        List<ChatEvent> timeline = new ArrayList<>(List.of(chat.group("Pages", alice)));
        for (int i = 1; i <= 120; i++) {
            timeline.add(chat.message(alice, "message " + i));
        }
        events.publish(timeline);
        history.awaitStored(alice, chat.id(), chat.seq());

        MessagePage newest = history.messages(alice, chat.id(), null, null);
        MessagePage older = history.messages(alice, chat.id(), newest.nextBefore(), null);
        MessagePage oldest = history.messages(alice, chat.id(), older.nextBefore(), null);

        // Seq 1 created the conversation; the messages are seqs 2..121, fifty to a page by default.
        assertThat(newest.messages()).extracting(MessageView::seq).containsExactlyElementsOf(seqs(72, 121));
        assertThat(newest.nextBefore()).isEqualTo(72);
        assertThat(older.messages()).extracting(MessageView::seq).containsExactlyElementsOf(seqs(22, 71));
        assertThat(oldest.messages()).extracting(MessageView::seq).containsExactlyElementsOf(seqs(2, 21));
        assertThat(oldest.nextBefore()).isNull();
        assertThat(history.messages(alice, chat.id(), 50L, 10).messages()).extracting(MessageView::seq)
                .containsExactlyElementsOf(seqs(40, 49));
        MessagePage largest = history.messages(alice, chat.id(), null, 200);
        assertThat(largest.messages()).hasSize(120);
        assertThat(largest.nextBefore()).isNull();
    }

    @Test
    void eventPagesCarryEveryTimelineEventAfterASeq() {
        TestUser alice = TestUser.named("alice");
        TestUser bob = TestUser.named("bob");
        ConversationScript chat = new ConversationScript();
        var created = chat.group("Events", alice);
        MessageCreated hello = chat.message(alice, "hello");
        List<ChatEvent> timeline = List.of(created, hello, chat.join(bob),
                chat.read(bob, 2), chat.edit(hello, "hello all"), chat.rename(alice, "Events!"), chat.leave(bob));
        events.publish(timeline);
        history.awaitStored(alice, chat.id(), chat.seq());

        var first = history.events(alice, chat.id(), 1, 3);
        var rest = history.events(alice, chat.id(), first.nextAfter(), 3);

        assertThat(first.events()).extracting(ChatEvent::seq).containsExactly(2L, 3L, 4L);
        assertThat(first.hasMore()).isTrue();
        assertThat(first.nextAfter()).isEqualTo(4);
        assertThat(rest.events()).extracting(ChatEvent::seq).containsExactly(5L, 6L);
        assertThat(rest.hasMore()).isFalse();
        assertThat(rest.latestSeq()).isEqualTo(6);
        assertThat(rest.events().get(1)).isEqualTo(timeline.get(6));
        assertThat(history.events(alice, chat.id(), 6, 3).events()).isEmpty();
    }

    @Test
    void messagesKeepTheirServerTimeSenderFormatAttachmentsReplyEditAndDeletion() {
        TestUser alice = TestUser.named("alice");
        TestUser bob = TestUser.named("bob");
        ConversationScript chat = new ConversationScript();
        AttachmentRef photo = new AttachmentRef(UUID.randomUUID(), "cat.png", "image/png", 4096, 640, 480, true);
        var created = chat.group("Details", alice, bob);
        MessageCreated question = chat.message(alice, "*cat?*");
        MessageCreated answer = chat.message(bob, "cat", MessageFormat.PLAIN, question.seq(), List.of(photo));
        var edit = chat.edit(question, "*which cat?*");
        var deletion = chat.delete(answer);
        events.publish(created, question, answer, edit);
        history.awaitStored(alice, chat.id(), edit.seq());

        List<MessageView> beforeDelete = history.allMessages(bob, chat.id());
        events.publish(deletion);
        history.awaitStored(alice, chat.id(), deletion.seq());
        List<MessageView> afterDelete = history.allMessages(bob, chat.id());

        assertThat(beforeDelete).containsExactly(
                new MessageView(question.seq(), question.messageId(), alice.id(), null, "*which cat?*",
                        MessageFormat.MARKDOWN, List.of(), null, question.occurredAt(), edit.occurredAt(), false,
                        List.of(), null, false, null, List.of(), false),
                new MessageView(answer.seq(), answer.messageId(), bob.id(), null, "cat", MessageFormat.PLAIN,
                        List.of(photo), question.seq(), answer.occurredAt(), null, false, List.of(),
                        null, false, null, List.of(), false));
        assertThat(afterDelete.get(1)).isEqualTo(new MessageView(answer.seq(), answer.messageId(), bob.id(), null,
                null, MessageFormat.PLAIN, List.of(), question.seq(), answer.occurredAt(), null, true, List.of(),
                null, false, null, List.of(), false));
    }

    @Test
    void eachMessageShowsItsSendersCurrentDisplayName() {
        TestUser alice = TestUser.named("alice");
        ConversationScript chat = new ConversationScript();
        Instant registered = Instant.now();
        events.publish(new UserRegistered(alice.id(), alice.username(), "Alice", registered));
        events.publish(chat.group("Names", alice), chat.message(alice, "one"), chat.message(alice, "two"));
        await().ignoreExceptions().until(() -> {
            var messages = history.allMessages(alice, chat.id());
            return messages.size() == 2 && messages.stream().allMatch(message -> "Alice".equals(message.senderName()));
        });

        events.publish(new ProfileUpdated(alice.id(), alice.username(), "Queen Alice", null, registered.plusSeconds(1)));

        await().ignoreExceptions().until(() -> history.allMessages(alice, chat.id()).stream()
                .allMatch(message -> "Queen Alice".equals(message.senderName())));
    }

    @Test
    void refusesBadPagingParametersAsProblemDetailsNamingTheParameter() {
        TestUser alice = TestUser.named("alice");
        ConversationScript chat = new ConversationScript();
        events.publish(chat.group("Limits", alice));
        history.awaitStored(alice, chat.id(), 1);
        String messages = "/api/history/conversations/" + chat.id() + "/messages";
        String events = "/api/history/conversations/" + chat.id() + "/events";

        assertRefused(alice, messages, Map.of("limit", "0"), "limit");
        assertRefused(alice, messages, Map.of("limit", "201"), "limit");
        assertRefused(alice, messages, Map.of("limit", "many"), "limit");
        assertRefused(alice, messages, Map.of("before", "-1"), "before");
        assertRefused(alice, events, Map.of("after", "yesterday"), "after");
        assertRefused(alice, events, Map.of("limit", "1000"), "limit");
        history.as(alice).queryParam("limit", 200).get(messages).then().statusCode(200);
    }

    @Test
    void nonMembersGetTheSameNotFoundAsForAConversationThatDoesNotExist() {
        TestUser alice = TestUser.named("alice");
        TestUser stranger = TestUser.named("stranger");
        ConversationScript chat = new ConversationScript();
        events.publish(chat.group("Private", alice), chat.message(alice, "secret"));
        history.awaitStored(alice, chat.id(), 2);

        for (String what : List.of("messages", "events")) {
            JsonPath hidden = notFound(stranger, "/api/history/conversations/" + chat.id() + "/" + what);
            JsonPath missing = notFound(stranger, "/api/history/conversations/" + UUID.randomUUID() + "/" + what);
            assertThat(hidden.getString("title")).isEqualTo(missing.getString("title"));
            assertThat(hidden.getString("detail")).isEqualTo(missing.getString("detail"))
                    .doesNotContain(chat.id().toString());
        }
        assertThat(history.summaries(stranger)).isEmpty();
        assertThat(history.sync(stranger, Map.of()).conversations()).isEmpty();
    }

    @Test
    void newMembersReadEverythingSaidBeforeAndFormerMembersLoseAccess() {
        TestUser alice = TestUser.named("alice");
        TestUser bob = TestUser.named("bob");
        TestUser carol = TestUser.named("carol");
        ConversationScript chat = new ConversationScript();
        events.publish(chat.group("Club", alice, bob), chat.message(alice, "before carol"), chat.join(carol),
                chat.message(bob, "welcome carol"));
        history.awaitStored(alice, chat.id(), chat.seq());

        assertThat(history.allMessages(carol, chat.id())).extracting(MessageView::body)
                .containsExactly("before carol", "welcome carol");
        assertThat(history.events(carol, chat.id(), 0, 50).events()).hasSize(4);

        events.publish(chat.leave(bob), chat.message(alice, "bob is gone"));
        history.awaitStored(alice, chat.id(), chat.seq());

        notFound(bob, "/api/history/conversations/" + chat.id() + "/messages");
        notFound(bob, "/api/history/conversations/" + chat.id() + "/events");
        assertThat(history.summaries(bob)).isEmpty();
        var sync = history.sync(bob, Map.of(chat.id(), 1L));
        assertThat(sync.conversations()).isEmpty();
        assertThat(sync.gone()).containsExactly(chat.id());

        events.publish(chat.join(bob));
        history.awaitStored(alice, chat.id(), chat.seq());
        assertThat(history.allMessages(bob, chat.id())).extracting(MessageView::body)
                .containsExactly("before carol", "welcome carol", "bob is gone");
    }

    @Test
    void requiresAValidToken() {
        RestAssured.given().get("/api/history/conversations").then().statusCode(401);
        RestAssured.given().auth().oauth2("not-a-token").get("/api/history/conversations").then().statusCode(401)
                .contentType("application/problem+json").header("WWW-Authenticate", "Bearer");
    }

    private void assertRefused(TestUser user, String path, Map<String, String> query, String field) {
        history.as(user).queryParams(query).get(path).then()
                .statusCode(400)
                .contentType(Problem.MEDIA_TYPE)
                .body("errors[0].field", equalTo(field));
    }

    private JsonPath notFound(TestUser user, String path) {
        return history.as(user).get(path).then().statusCode(404).contentType(Problem.MEDIA_TYPE).extract().jsonPath();
    }

    private static List<Long> seqs(long from, long to) {
        return LongStream.rangeClosed(from, to).boxed().toList();
    }
}
