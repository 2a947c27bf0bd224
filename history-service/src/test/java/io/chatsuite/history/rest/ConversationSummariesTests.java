package io.chatsuite.history.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.chatsuite.contracts.chat.ConversationKind;
import io.chatsuite.contracts.chat.MessageCreated;
import io.chatsuite.contracts.user.UserRegistered;
import io.chatsuite.devstack.testing.LocalStackTestResource;
import io.chatsuite.devstack.testing.TestTokenIssuer;
import io.chatsuite.history.api.ConversationSummary;
import io.chatsuite.history.api.MessageView;
import io.chatsuite.history.testing.ConversationScript;
import io.chatsuite.history.testing.HistoryClient;
import io.chatsuite.history.testing.TestEvents;
import io.chatsuite.history.testing.TestUser;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(LocalStackTestResource.class)
@WithTestResource(TestTokenIssuer.class)
class ConversationSummariesTests {

    @Inject
    TestEvents events;

    @Inject
    HistoryClient history;

    @Test
    void unreadCountsStayExactThroughReadsEditsAndDeletes() {
        TestUser alice = TestUser.named("alice");
        TestUser bob = TestUser.named("bob");
        ConversationScript chat = new ConversationScript();
        events.publish(chat.group("Unread", alice, bob));
        MessageCreated m1 = chat.message(alice, "one");
        MessageCreated m2 = chat.message(alice, "two");
        MessageCreated m3 = chat.message(alice, "three");
        MessageCreated own = chat.message(bob, "mine do not count");
        events.publish(m1, m2, m3, own);
        awaitUnread(bob, chat, 3);
        assertThat(history.summary(alice, chat.id()).unreadCount()).as("bob's one message, for alice").isEqualTo(1);

        events.publish(chat.edit(m2, "two, edited"));
        awaitSeq(bob, chat);
        assertThat(history.summary(bob, chat.id()).unreadCount()).as("an edit is no new message").isEqualTo(3);

        events.publish(chat.delete(m3));
        awaitUnread(bob, chat, 2);

        events.publish(chat.read(bob, m1.seq()));
        awaitUnread(bob, chat, 1);
        assertThat(history.summary(bob, chat.id()).readSeq()).isEqualTo(m1.seq());

        // A cursor never moves back: a late, lower read changes nothing.
        events.publish(chat.read(bob, 1), chat.message(alice, "four"));
        awaitUnread(bob, chat, 2);
        assertThat(history.summary(bob, chat.id()).readSeq()).isEqualTo(m1.seq());

        events.publish(chat.read(bob, chat.seq()));
        awaitUnread(bob, chat, 0);

        events.publish(chat.delete(m2), chat.edit(m1, "one, edited"));
        awaitSeq(bob, chat);
        ConversationSummary summary = history.summary(bob, chat.id());
        assertThat(summary.unreadCount()).isZero();
        assertThat(summary.latestSeq()).isEqualTo(chat.seq());
    }

    /** Issue 18 item 7: the one backwards move of a cursor, on purpose; reads still only move it forward. */
    @Test
    void aMessageMarkedUnreadCountsAgainWithWhatFollowsItUntilReadAgain() {
        TestUser alice = TestUser.named("alice");
        TestUser bob = TestUser.named("bob");
        ConversationScript chat = new ConversationScript();
        events.publish(chat.group("Again", alice, bob));
        MessageCreated m1 = chat.message(alice, "one");
        MessageCreated m2 = chat.message(alice, "two");
        MessageCreated own = chat.message(bob, "mine do not count");
        MessageCreated m3 = chat.message(alice, "three");
        events.publish(m1, m2, own, m3, chat.read(bob, chat.seq()));
        awaitSeq(bob, chat);
        awaitUnread(bob, chat, 0);

        events.publish(chat.markUnread(bob, m2));
        awaitUnread(bob, chat, 2);
        assertThat(history.summary(bob, chat.id()).readSeq()).isEqualTo(m2.seq() - 1);
        assertThat(history.summary(alice, chat.id()).unreadCount()).as("alice's own count").isEqualTo(1);

        // A plain read lower than the cursor still changes nothing; reading on moves it forward again.
        events.publish(chat.read(bob, 1));
        events.publish(chat.read(bob, m2.seq()));
        awaitUnread(bob, chat, 1);
        assertThat(history.summary(bob, chat.id()).readSeq()).isEqualTo(m2.seq());
        events.publish(chat.read(bob, chat.seq()));
        awaitUnread(bob, chat, 0);
    }

    /** Issue 18 item 3: each reader's mentions among their unread messages, beside the unread count. */
    @Test
    void mentionCountsAreEachReadersOwnAndFollowReadsAndDeletes() {
        TestUser alice = TestUser.named("alice");
        TestUser bob = TestUser.named("bob");
        TestUser carol = TestUser.named("carol");
        ConversationScript chat = new ConversationScript();
        events.publish(chat.group("Mentions", alice, bob, carol));
        MessageCreated toBob = chat.mentioning(alice, "@bob look", List.of(bob), false);
        MessageCreated toBoth = chat.mentioning(alice, "@bob @carol", List.of(bob, carol), false);
        MessageCreated plain = chat.message(alice, "no mention");
        MessageCreated room = chat.mentioning(carol, "@room hi", List.of(), true);
        events.publish(toBob, toBoth, plain, room);
        awaitUnread(bob, chat, 4);

        assertThat(history.summary(bob, chat.id()).mentionCount()).isEqualTo(3);
        assertThat(history.summary(carol, chat.id()).mentionCount()).as("her own @room is not hers to read")
                .isEqualTo(1);
        assertThat(history.summary(alice, chat.id()).mentionCount()).as("mentioned by the room alone").isEqualTo(1);
        List<MessageView> page = history.allMessages(bob, chat.id());
        assertThat(page).filteredOn(m -> m.seq() == toBoth.seq()).singleElement()
                .satisfies(m -> assertThat(m.mentionedUserIds()).containsExactly(bob.id(), carol.id()));
        assertThat(page).filteredOn(m -> m.seq() == room.seq()).singleElement()
                .satisfies(m -> assertThat(m.roomMentioned()).isTrue());

        events.publish(chat.delete(toBob));
        awaitUnread(bob, chat, 3);
        assertThat(history.summary(bob, chat.id()).mentionCount()).isEqualTo(2);
        events.publish(chat.read(bob, plain.seq()));
        awaitUnread(bob, chat, 1);
        assertThat(history.summary(bob, chat.id()).mentionCount()).isEqualTo(1);
        // A later mention counts again.
        events.publish(chat.mentioning(carol, "@bob again", List.of(bob), false));
        awaitUnread(bob, chat, 2);
        assertThat(history.summary(bob, chat.id()).mentionCount()).isEqualTo(2);
    }

    /** Issue 18 item 3: an edit's mentions replace the message's, so the counts follow what the body names now. */
    @Test
    void anEditThatNamesSomeoneMentionsThemAndOneThatDropsANameNoLongerDoes() {
        TestUser alice = TestUser.named("alice");
        TestUser bob = TestUser.named("bob");
        TestUser carol = TestUser.named("carol");
        ConversationScript chat = new ConversationScript();
        events.publish(chat.group("Edits", alice, bob, carol));
        MessageCreated plain = chat.message(alice, "lunch?");
        MessageCreated toCarol = chat.mentioning(alice, "@carol lunch?", List.of(carol), false);
        events.publish(plain, toCarol);
        awaitUnread(bob, chat, 2);
        assertThat(history.summary(bob, chat.id()).mentionCount()).isZero();

        events.publish(chat.editMentioning(plain, "@bob lunch?", List.of(bob), false),
                chat.editMentioning(toCarol, "lunch, anyone?", List.of(), false));
        history.awaitStored(bob, chat.id(), chat.seq());
        assertThat(history.summary(bob, chat.id()).mentionCount()).isEqualTo(1);
        assertThat(history.summary(carol, chat.id()).mentionCount()).isZero();
        assertThat(history.allMessages(bob, chat.id())).filteredOn(m -> m.seq() == plain.seq()).singleElement()
                .satisfies(m -> assertThat(m.mentionedUserIds()).containsExactly(bob.id()));

        // An edit from before edits were parsed names nobody: the message keeps the mentions it had.
        events.publish(chat.edit(plain, "@bob lunch? (typo)"));
        history.awaitStored(bob, chat.id(), chat.seq());
        assertThat(history.summary(bob, chat.id()).mentionCount()).isEqualTo(1);
        // And a room mention by edit counts for everyone but its sender.
        events.publish(chat.editMentioning(toCarol, "@room lunch!", List.of(), true));
        history.awaitStored(bob, chat.id(), chat.seq());
        assertThat(history.summary(carol, chat.id()).mentionCount()).isEqualTo(1);
        assertThat(history.summary(bob, chat.id()).mentionCount()).isEqualTo(2);
    }

    @Test
    void aNewMembersUnreadCountStartsWhenTheyJoined() {
        TestUser alice = TestUser.named("alice");
        TestUser carol = TestUser.named("carol");
        ConversationScript chat = new ConversationScript();
        events.publish(chat.group("Late", alice), chat.message(alice, "old news"), chat.join(carol),
                chat.message(alice, "hi carol"));
        history.awaitStored(alice, chat.id(), chat.seq());

        assertThat(history.summary(carol, chat.id()).unreadCount()).isEqualTo(1);
    }

    @Test
    void aGroupDirectMessageIsNamedByItsOtherMembersAndCountsUnreadAsADirectOne() {
        TestUser alice = TestUser.named("alice");
        TestUser bob = TestUser.named("bob");
        TestUser carol = TestUser.named("carol");
        Instant now = Instant.now();
        events.publish(new UserRegistered(alice.id(), alice.username(), "Alice Liddell", now));
        events.publish(new UserRegistered(bob.id(), bob.username(), "Bob Builder", now));
        events.publish(new UserRegistered(carol.id(), carol.username(), "Carol Danvers", now));
        ConversationScript group = new ConversationScript();
        events.publish(group.groupDirect(alice, carol, bob), group.message(bob, "hi"), group.message(carol, "hey"));
        history.awaitStored(alice, group.id(), group.seq());
        // Names come from user.events, another topic: they may land after the conversation.
        await().ignoreExceptions().until(() -> "Alice Liddell, Bob Builder".equals(
                history.summary(carol, group.id()).name()));
        await().ignoreExceptions().until(() -> "Bob Builder, Carol Danvers".equals(
                history.summary(alice, group.id()).name()));

        ConversationSummary ofAlice = history.summary(alice, group.id());
        assertThat(ofAlice.kind()).isEqualTo(ConversationKind.GROUP_DIRECT);
        assertThat(ofAlice.peerId()).isNull();
        assertThat(ofAlice.unreadCount()).isEqualTo(2);
        assertThat(history.summary(carol, group.id()).unreadCount()).isEqualTo(1);
    }

    @Test
    void aDirectConversationKeepsItsNameAfterThePeerLeftWithTheirAccount() {
        TestUser alice = TestUser.named("alice");
        TestUser bob = TestUser.named("bob");
        events.publish(new UserRegistered(bob.id(), bob.username(), "Deleted user", Instant.now()));
        ConversationScript direct = new ConversationScript();
        events.publish(direct.direct(alice, bob), direct.message(bob, "kept"), direct.leave(bob));
        history.awaitStored(alice, direct.id(), direct.seq());

        await().ignoreExceptions().untilAsserted(() -> {
            ConversationSummary summary = history.summary(alice, direct.id());
            assertThat(summary.peerId()).isEqualTo(bob.id());
            assertThat(summary.name()).isEqualTo("Deleted user");
            assertThat(summary.lastMessage().senderName()).isEqualTo("Deleted user");
        });
    }

    @Test
    void listsEveryConversationByLastActivityWithItsNameAndLastMessage() {
        TestUser alice = TestUser.named("alice");
        TestUser bob = TestUser.named("bob");
        Instant now = Instant.now();
        events.publish(new UserRegistered(bob.id(), bob.username(), "Bob Builder", now));
        ConversationScript direct = new ConversationScript();
        ConversationScript room = new ConversationScript();
        ConversationScript quiet = new ConversationScript();
        events.publish(direct.direct(alice, bob));
        events.publish(room.group("Builders", alice, bob));
        events.publish(quiet.group("Quiet", alice));
        events.publish(direct.message(bob, "can we fix it?"));
        MessageCreated weCan = room.message(alice, "yes **we** `can`");
        events.publish(weCan);
        MessageCreated last = direct.message(bob, "x".repeat(500));
        events.publish(last);
        history.awaitStored(alice, room.id(), room.seq());
        history.awaitStored(alice, quiet.id(), quiet.seq());
        history.awaitStored(alice, direct.id(), direct.seq());
        await().ignoreExceptions().until(() -> "Bob Builder".equals(history.summary(alice, direct.id()).name()));

        var summaries = history.summaries(alice);

        assertThat(summaries).extracting(ConversationSummary::conversationId)
                .containsExactly(direct.id(), room.id(), quiet.id());
        ConversationSummary first = summaries.get(0);
        assertThat(first.kind()).isEqualTo(ConversationKind.DIRECT);
        assertThat(first.peerId()).isEqualTo(bob.id());
        assertThat(first.lastActivityAt()).isEqualTo(last.occurredAt());
        assertThat(first.lastMessage().senderName()).isEqualTo("Bob Builder");
        assertThat(first.lastMessage().preview()).hasSize(140);
        assertThat(first.lastMessage().messageId()).isEqualTo(last.messageId());
        assertThat(first.unreadCount()).isEqualTo(2);
        assertThat(summaries.get(1).name()).isEqualTo("Builders");
        assertThat(summaries.get(1).lastMessage().preview()).as("plain text, Markdown removed").isEqualTo("yes we can");
        assertThat(summaries.get(1).unreadCount()).isZero();
        assertThat(summaries.get(2).lastMessage()).isNull();
        assertThat(history.summary(bob, direct.id()).name()).as("alice has no profile event yet").isNull();

        events.publish(room.edit(weCan, "we *did* [it](https://example.org)"));
        await().untilAsserted(() -> assertThat(history.summary(alice, room.id()).lastMessage().preview())
                .as("an edit shows at once, as plain text").isEqualTo("we did it"));

        events.publish(direct.delete(last));
        await().ignoreExceptions().until(() -> history.summary(alice, direct.id()).lastMessage().deleted());
        assertThat(history.summary(alice, direct.id()).lastMessage().preview()).isNull();
    }

    private void awaitUnread(TestUser user, ConversationScript chat, long unread) {
        await().untilAsserted(() -> assertThat(history.summary(user, chat.id()).unreadCount()).isEqualTo(unread));
    }

    private void awaitSeq(TestUser user, ConversationScript chat) {
        history.awaitStored(user, chat.id(), chat.seq());
    }
}
