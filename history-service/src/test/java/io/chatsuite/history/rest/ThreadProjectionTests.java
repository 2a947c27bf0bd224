package io.chatsuite.history.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.chatsuite.contracts.chat.MessageCreated;
import io.chatsuite.devstack.testing.LocalStackTestResource;
import io.chatsuite.devstack.testing.TestTokenIssuer;
import io.chatsuite.history.api.ConversationSummary;
import io.chatsuite.history.api.MessageView;
import io.chatsuite.history.api.ThreadPage;
import io.chatsuite.history.testing.ConversationScript;
import io.chatsuite.history.testing.HistoryClient;
import io.chatsuite.history.testing.TestEvents;
import io.chatsuite.history.testing.TestUser;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Issue 18 item 1: thread replies are projected under their root (count, last reply time, people), listed in the
 * thread's page, kept out of the conversation's list unless also sent there, and unread only for their followers.
 */
@QuarkusTest
@WithTestResource(LocalStackTestResource.class)
@WithTestResource(TestTokenIssuer.class)
class ThreadProjectionTests {

    @Inject
    TestEvents events;

    @Inject
    HistoryClient history;

    @Test
    void aRootShowsItsThreadAndTheThreadPageListsTheRepliesInOrder() {
        TestUser alice = TestUser.named("alice");
        TestUser bob = TestUser.named("bob");
        TestUser carol = TestUser.named("carol");
        ConversationScript chat = new ConversationScript();
        var created = chat.group("Threads", alice, bob, carol);
        MessageCreated root = chat.message(alice, "plans for friday?");
        MessageCreated first = chat.threadReply(bob, root, "pizza", false);
        MessageCreated second = chat.threadReply(carol, root, "sushi", true);
        MessageCreated third = chat.threadReply(bob, root, "or both", false);
        MessageCreated after = chat.message(carol, "back in the room");
        // Published in one go: the root and its replies may be projected in the same batch.
        events.publish(created, root, first, second, third, after);
        events.publish(first);
        history.awaitStored(alice, chat.id(), after.seq());

        List<MessageView> list = history.allMessages(alice, chat.id());
        assertThat(list).extracting(MessageView::messageId)
                .as("thread-only replies stay in their thread").containsExactly(root.messageId(),
                        second.messageId(), after.messageId());
        MessageView rootView = list.get(0);
        assertThat(rootView.thread().replyCount()).isEqualTo(3);
        assertThat(rootView.thread().lastReplyAt()).isEqualTo(third.occurredAt());
        assertThat(rootView.thread().participantIds()).containsExactly(bob.id(), carol.id());
        assertThat(list.get(1).threadRootId()).isEqualTo(root.messageId());
        assertThat(list.get(1).alsoToConversation()).isTrue();
        assertThat(list.get(2).thread()).isNull();

        ThreadPage thread = history.thread(carol, chat.id(), root.messageId(), 0);
        assertThat(thread.root().messageId()).isEqualTo(root.messageId());
        assertThat(thread.root().thread().replyCount()).isEqualTo(3);
        assertThat(thread.replies()).extracting(MessageView::body).containsExactly("pizza", "sushi", "or both");
        assertThat(thread.following()).isTrue();
        assertThat(history.thread(carol, chat.id(), root.messageId(), second.seq()).replies())
                .extracting(MessageView::messageId).containsExactly(third.messageId());

        // A deleted reply leaves the count; the summary is counted from what is there.
        var deletion = chat.delete(third);
        events.publish(deletion);
        history.awaitStored(alice, chat.id(), deletion.seq());
        MessageView again = history.allMessages(alice, chat.id()).get(0);
        assertThat(again.thread().replyCount()).isEqualTo(2);
        assertThat(again.thread().participantIds()).containsExactly(bob.id(), carol.id());
    }

    @Test
    void newRepliesAreUnreadForThreadFollowersOnly() {
        TestUser alice = TestUser.named("alice");
        TestUser bob = TestUser.named("bob");
        TestUser carol = TestUser.named("carol");
        TestUser dave = TestUser.named("dave");
        ConversationScript chat = new ConversationScript();
        var created = chat.group("Following", alice, bob, carol, dave);
        MessageCreated root = chat.message(alice, "a question");
        MessageCreated bobsReply = chat.threadReply(bob, root, "an answer", false);
        var everyoneRead = List.of(chat.read(alice, bobsReply.seq()), chat.read(bob, bobsReply.seq()),
                chat.read(carol, bobsReply.seq()), chat.read(dave, bobsReply.seq()));
        MessageCreated carolsReply = chat.threadReply(carol, root, "another answer", false);
        MessageCreated shared = chat.threadReply(carol, root, "for everyone", true);
        events.publish(created, root, bobsReply);
        events.publish(everyoneRead.toArray(io.chatsuite.contracts.chat.ChatEvent[]::new));
        events.publish(carolsReply, shared);
        history.awaitStored(alice, chat.id(), shared.seq());

        // Alice wrote the root and Bob replied: both follow, so both of Carol's replies are unread for them.
        assertThat(unread(alice, chat)).isEqualTo(2);
        assertThat(unread(bob, chat)).isEqualTo(2);
        // Dave follows nothing: only the reply also sent to the room counts.
        assertThat(unread(dave, chat)).isEqualTo(1);
        assertThat(history.thread(dave, chat.id(), root.messageId(), 0).following()).isFalse();
        // A thread-only reply is no preview of the conversation; one also sent to it is.
        assertThat(history.summary(dave, chat.id()).lastMessage().messageId()).isEqualTo(shared.messageId());
    }

    /** Being mentioned in a reply (when sent, or by an edit) makes a member follow the thread, like posting in it. */
    @Test
    void aMemberMentionedInAReplyFollowsTheThread() {
        TestUser alice = TestUser.named("alice");
        TestUser bob = TestUser.named("bob");
        TestUser carol = TestUser.named("carol");
        TestUser dave = TestUser.named("dave");
        ConversationScript chat = new ConversationScript();
        var created = chat.group("Mentioned", alice, bob, carol, dave);
        MessageCreated root = chat.message(alice, "a question");
        MessageCreated askCarol = chat.threadReplyMentioning(bob, root, "@carol do you know?", List.of(carol));
        MessageCreated plainReply = chat.threadReply(bob, root, "anyone?", false);
        events.publish(created, root, askCarol, plainReply);
        history.awaitStored(alice, chat.id(), plainReply.seq());
        assertThat(history.thread(carol, chat.id(), root.messageId(), 0).following()).isTrue();
        assertThat(history.thread(dave, chat.id(), root.messageId(), 0).following()).isFalse();

        // An edit that names Dave makes him follow too; then a new thread-only reply is unread for him.
        var everyoneRead = List.of(chat.read(carol, plainReply.seq()), chat.read(dave, plainReply.seq()));
        var naming = chat.editMentioning(plainReply, "anyone? @" + dave.username(), List.of(dave), false);
        MessageCreated later = chat.threadReply(alice, root, "found it", false);
        events.publish(everyoneRead.toArray(io.chatsuite.contracts.chat.ChatEvent[]::new));
        events.publish(naming, later);
        history.awaitStored(alice, chat.id(), later.seq());
        assertThat(history.thread(dave, chat.id(), root.messageId(), 0).following()).isTrue();
        assertThat(unread(dave, chat)).isEqualTo(1);
        assertThat(unread(carol, chat)).isEqualTo(1);
    }

    @Test
    void aBadRootIdIsAProblemNamingItAndAReplyOrAStrangerHasNoThread() {
        TestUser alice = TestUser.named("alice");
        TestUser mallory = TestUser.named("mallory");
        ConversationScript chat = new ConversationScript();
        var created = chat.group("Closed", alice);
        MessageCreated root = chat.message(alice, "root");
        MessageCreated reply = chat.threadReply(alice, root, "reply", false);
        events.publish(created, root, reply);
        history.awaitStored(alice, chat.id(), reply.seq());

        history.as(alice).get("/api/history/conversations/{id}/threads/{root}", chat.id(), "seq-2")
                .then().statusCode(400).contentType(containsString("application/problem+json"))
                .body("errors[0].field", equalTo("rootId"));
        history.as(alice).queryParam("after", "-1")
                .get("/api/history/conversations/{id}/threads/{root}", chat.id(), root.messageId())
                .then().statusCode(400).body("errors[0].field", equalTo("after"));
        history.as(alice).get("/api/history/conversations/{id}/threads/{root}", chat.id(), reply.messageId())
                .then().statusCode(404).contentType(containsString("application/problem+json"));
        history.as(alice).get("/api/history/conversations/{id}/threads/{root}", chat.id(), UUID.randomUUID())
                .then().statusCode(404);
        history.as(mallory).get("/api/history/conversations/{id}/threads/{root}", chat.id(), root.messageId())
                .then().statusCode(404);
        given().get("/api/history/conversations/{id}/threads/{root}", chat.id(), root.messageId())
                .then().statusCode(401);
    }

    private long unread(TestUser user, ConversationScript chat) {
        ConversationSummary summary = history.summary(user, chat.id());
        return summary.unreadCount();
    }
}
