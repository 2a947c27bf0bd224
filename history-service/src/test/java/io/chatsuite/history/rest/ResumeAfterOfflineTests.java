package io.chatsuite.history.rest;

import static org.assertj.core.api.Assertions.assertThat;

import io.chatsuite.contracts.chat.AttachmentRef;
import io.chatsuite.contracts.chat.ChatEvent;
import io.chatsuite.contracts.chat.MessageCreated;
import io.chatsuite.contracts.chat.MessageDeleted;
import io.chatsuite.contracts.chat.MessageEdited;
import io.chatsuite.contracts.chat.MessageFormat;
import io.chatsuite.contracts.chat.TimelineEvent;
import io.chatsuite.devstack.testing.LocalStackTestResource;
import io.chatsuite.devstack.testing.TestTokenIssuer;
import io.chatsuite.history.api.EventPage;
import io.chatsuite.history.api.MessageView;
import io.chatsuite.history.api.SyncResponse.ConversationNews;
import io.chatsuite.history.testing.ConversationScript;
import io.chatsuite.history.testing.HistoryClient;
import io.chatsuite.history.testing.TestEvents;
import io.chatsuite.history.testing.TestUser;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** A client that was offline for any number of events catches up from its last seq with no gap and no loss. */
@QuarkusTest
@WithTestResource(LocalStackTestResource.class)
@WithTestResource(TestTokenIssuer.class)
class ResumeAfterOfflineTests {

    private static final int MISSED = 500;

    @Inject
    TestEvents events;

    @Inject
    HistoryClient history;

    @Test
    void aClientThatMissed500EventsResumesFromItsLastSeqToExactlyTheServersState() {
        TestUser alice = TestUser.named("alice");
        TestUser bob = TestUser.named("bob");
        TestUser carol = TestUser.named("carol");
        ConversationScript chat = new ConversationScript();
        Timeline truth = new Timeline();
        List<ChatEvent> published = new ArrayList<>();
        published.add(chat.group("Offline", alice, bob));
        for (int i = 0; i < 30; i++) {
            published.add(chat.message(i % 2 == 0 ? alice : bob, "before " + i));
        }
        events.publish(published);
        published.forEach(truth::apply);
        history.awaitStored(bob, chat.id(), chat.seq());
        Timeline client = new Timeline();
        history.events(bob, chat.id(), 0, 200).events().forEach(client::apply);
        long lastSeq = client.lastSeq;

        List<ChatEvent> missed = missedEvents(chat, alice, bob, carol, truth);
        events.publish(missed);
        history.awaitStored(bob, chat.id(), chat.seq());

        ConversationNews news = history.sync(bob, Map.of(chat.id(), lastSeq)).conversations().get(0);
        assertThat(news.newEvents()).isEqualTo(MISSED);
        assertThat(news.latestSeq()).isEqualTo(lastSeq + MISSED);
        List<Boolean> hasMore = new ArrayList<>();
        long after = lastSeq;
        EventPage page;
        do {
            page = history.events(bob, chat.id(), after, 200);
            page.events().forEach(client::apply);
            hasMore.add(page.hasMore());
            after = page.nextAfter();
        } while (page.hasMore());

        assertThat(hasMore).containsExactly(true, true, false);
        assertThat(client.lastSeq).isEqualTo(chat.seq());
        List<MessageView> server = history.allMessages(bob, chat.id());
        assertThat(client.messages()).isEqualTo(truth.messages()).isEqualTo(server);
        assertThat(server).anyMatch(MessageView::deleted).anyMatch(message -> message.editedAt() != null);
    }

    /** 500 timeline events: new messages, edits and deletes of old and new ones, joins, leaves, renames; and reads. */
    private static List<ChatEvent> missedEvents(ConversationScript chat, TestUser alice, TestUser bob,
                                                TestUser carol, Timeline truth) {
        Random random = new Random(5);
        List<ChatEvent> missed = new ArrayList<>();
        boolean carolIn = false;
        int timelineEvents = 0;
        while (timelineEvents < MISSED) {
            int dice = random.nextInt(100);
            List<MessageCreated> live = truth.live();
            ChatEvent event;
            if (dice < 55 || live.isEmpty()) {
                TestUser sender = List.of(alice, bob, carolIn ? carol : alice).get(random.nextInt(3));
                Long replyTo = dice % 4 == 0 ? live.get(random.nextInt(live.size())).seq() : null;
                List<AttachmentRef> attachments = dice % 5 == 0 ? List.of(new AttachmentRef(UUID.randomUUID(),
                        "photo-" + dice + ".jpg", "image/jpeg", 1000L + dice, 800, 600, true)) : List.of();
                event = chat.message(sender, "while offline " + timelineEvents,
                        dice % 3 == 0 ? MessageFormat.PLAIN : MessageFormat.MARKDOWN, replyTo, attachments);
            } else if (dice < 72) {
                event = chat.edit(live.get(random.nextInt(live.size())), "edited " + timelineEvents);
            } else if (dice < 86) {
                event = chat.delete(live.get(random.nextInt(live.size())));
            } else if (dice < 94) {
                event = carolIn ? chat.leave(carol) : chat.join(carol);
                carolIn = !carolIn;
            } else if (dice < 97) {
                event = chat.rename(alice, "Offline " + timelineEvents);
            } else {
                event = chat.read(bob, chat.seq());
            }
            truth.apply(event);
            missed.add(event);
            timelineEvents += event instanceof TimelineEvent ? 1 : 0;
        }
        return missed;
    }

    /** What a client holds: every message by seq, as the events it applied left it. */
    static final class Timeline {

        private final Map<Long, MessageView> bySeq = new TreeMap<>();
        private final Map<UUID, Long> seqOf = new HashMap<>();
        private final Map<UUID, MessageCreated> created = new LinkedHashMap<>();
        long lastSeq;

        void apply(ChatEvent event) {
            if (!(event instanceof TimelineEvent)) {
                return;
            }
            assertThat(event.seq()).as("the next seq, without a gap").isEqualTo(lastSeq + 1);
            lastSeq = event.seq();
            if (event instanceof MessageCreated message) {
                bySeq.put(message.seq(), new MessageView(message.seq(), message.messageId(), message.actorId(), null,
                        message.body(), message.format(), message.attachments(), message.replyTo(),
                        message.occurredAt(), null, false, List.of(), message.threadRootId(),
                        message.alsoToConversation(), null, message.mentionedUserIds(), message.roomMentioned()));
                seqOf.put(message.messageId(), message.seq());
                created.put(message.messageId(), message);
            } else if (event instanceof MessageEdited edit) {
                MessageView old = bySeq.get(seqOf.get(edit.messageId()));
                bySeq.put(old.seq(), new MessageView(old.seq(), old.messageId(), old.senderId(), null, edit.body(),
                        old.format(), old.attachments(), old.replyTo(), old.sentAt(), edit.occurredAt(), false, List.of(),
                        old.threadRootId(), old.alsoToConversation(), null, old.mentionedUserIds(),
                        old.roomMentioned()));
            } else if (event instanceof MessageDeleted deletion) {
                MessageView old = bySeq.get(seqOf.get(deletion.messageId()));
                bySeq.put(old.seq(), new MessageView(old.seq(), old.messageId(), old.senderId(), null, null,
                        old.format(), List.of(), old.replyTo(), old.sentAt(), old.editedAt(), true, List.of(),
                        old.threadRootId(), old.alsoToConversation(), null, old.mentionedUserIds(),
                        old.roomMentioned()));
                created.remove(deletion.messageId());
            }
        }

        List<MessageView> messages() {
            return List.copyOf(bySeq.values());
        }

        List<MessageCreated> live() {
            return List.copyOf(created.values());
        }
    }
}
