package io.chatsuite.history.rest;

import static org.assertj.core.api.Assertions.assertThat;

import io.chatsuite.contracts.chat.ChatEvent;
import io.chatsuite.contracts.chat.MessageCreated;
import io.chatsuite.contracts.chat.ReactionAdded;
import io.chatsuite.devstack.testing.LocalStackTestResource;
import io.chatsuite.devstack.testing.TestTokenIssuer;
import io.chatsuite.history.api.ConversationSummary;
import io.chatsuite.history.api.MessageView;
import io.chatsuite.history.api.ReactionView;
import io.chatsuite.history.testing.ConversationScript;
import io.chatsuite.history.testing.HistoryClient;
import io.chatsuite.history.testing.TestEvents;
import io.chatsuite.history.testing.TestUser;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Issue 18 item 2: reactions are projected onto their messages, replayed as events, and are never new messages. */
@QuarkusTest
@WithTestResource(LocalStackTestResource.class)
@WithTestResource(TestTokenIssuer.class)
class ReactionProjectionTests {

    @Inject
    TestEvents events;

    @Inject
    HistoryClient history;

    @Test
    void pagesCarryEachMessagesReactionsAsTheyStandNow() {
        TestUser alice = TestUser.named("alice");
        TestUser bob = TestUser.named("bob");
        ConversationScript chat = new ConversationScript();
        var created = chat.group("Reactions", alice, bob);
        MessageCreated question = chat.message(alice, "lunch?");
        MessageCreated answer = chat.message(bob, "yes");
        ReactionAdded bobLikes = chat.react(bob, question, "👍");
        var aliceLikes = chat.react(alice, question, "👍");
        var aliceParty = chat.react(alice, question, "🎉");
        var bobTakesBack = chat.unreact(bob, question, "👍");
        var bobAgain = chat.react(bob, question, "🎉");
        var onAnswer = chat.react(alice, answer, "❤️");
        events.publish(created, question, answer, bobLikes, aliceLikes, aliceParty, bobTakesBack, bobAgain, onAnswer);
        // A redelivered event (same seq) changes nothing.
        events.publish(bobLikes);
        history.awaitStored(alice, chat.id(), onAnswer.seq());

        // The newest page says how far it is current: past its last message, up to the last reaction.
        assertThat(history.messages(bob, chat.id(), null, null).lastSeq()).isEqualTo(onAnswer.seq());
        List<MessageView> messages = history.allMessages(bob, chat.id());
        assertThat(messages.get(0).reactions()).containsExactly(
                new ReactionView("👍", 1, List.of(alice.id())),
                new ReactionView("🎉", 2, List.of(alice.id(), bob.id())));
        assertThat(messages.get(1).reactions()).containsExactly(new ReactionView("❤️", 1, List.of(alice.id())));

        // Deleting a message takes its reactions with it.
        var deletion = chat.delete(answer);
        events.publish(deletion);
        history.awaitStored(alice, chat.id(), deletion.seq());
        assertThat(history.allMessages(bob, chat.id()).get(1).reactions()).isEmpty();
        assertThat(history.allMessages(bob, chat.id()).get(0).reactions()).hasSize(2);
    }

    @Test
    void reactionsAreReplayedAsEventsButAreNotNewMessagesInSummaries() {
        TestUser alice = TestUser.named("alice");
        TestUser bob = TestUser.named("bob");
        ConversationScript chat = new ConversationScript();
        var created = chat.group("Quiet", alice, bob);
        MessageCreated hello = chat.message(alice, "hello");
        var read = chat.read(bob, hello.seq());
        var reaction = chat.react(alice, hello, "👋");
        var removal = chat.unreact(alice, hello, "👋");
        var again = chat.react(alice, hello, "😂");
        events.publish(created, hello, read, reaction, removal, again);
        history.awaitStored(bob, chat.id(), again.seq());

        List<ChatEvent> replayed = history.events(bob, chat.id(), hello.seq(), 10).events();
        assertThat(replayed).containsExactly(reaction, removal, again);

        ConversationSummary summary = history.summary(bob, chat.id());
        assertThat(summary.latestSeq()).isEqualTo(again.seq());
        assertThat(summary.unreadCount()).as("reactions are no unread messages").isZero();
        assertThat(summary.lastMessage().messageId()).isEqualTo(hello.messageId());
        assertThat(summary.lastMessage().preview()).isEqualTo("hello");
        assertThat(summary.lastActivityAt()).isEqualTo(hello.occurredAt());
    }
}
