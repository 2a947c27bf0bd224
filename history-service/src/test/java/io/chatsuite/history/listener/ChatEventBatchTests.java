package io.chatsuite.history.listener;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.chatsuite.contracts.Topic;
import io.chatsuite.contracts.chat.ChatEvent;
import io.chatsuite.contracts.chat.MessageCreated;
import io.chatsuite.devstack.testing.DeadLetterTopic;
import io.chatsuite.devstack.testing.LocalStackTestResource;
import io.chatsuite.devstack.testing.TestTokenIssuer;
import io.chatsuite.history.api.ConversationSummary;
import io.chatsuite.history.api.EventPage;
import io.chatsuite.history.api.MessageView;
import io.chatsuite.history.api.ReactionView;
import io.chatsuite.history.testing.ConversationScript;
import io.chatsuite.history.testing.HistoryClient;
import io.chatsuite.history.testing.TestUser;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.LongStream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.ConfigProvider;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/**
 * Issue 15: chat.events is projected a whole batch per transaction, runs of messages, reactions and reads set-based. The batches here are
 * handed to the listener directly, so their make-up is known: duplicates inside the batch, several conversations
 * interleaved, other events between the messages, and a poison event among good ones.
 */
@QuarkusTest
@WithTestResource(LocalStackTestResource.class)
@WithTestResource(TestTokenIssuer.class)
class ChatEventBatchTests {

    /** Offsets far above what the tests' own topic reaches, so a dead letter names a record of these batches only. */
    private static final AtomicLong OFFSETS = new AtomicLong(1_000_000_000L);

    @Inject
    ChatEventsListener listener;

    @Inject
    HistoryClient history;

    @Inject
    ObjectMapper mapper;

    @Inject
    MeterRegistry metrics;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @Test
    void aBatchWithDuplicatesAndSeveralConversationsIsProjectedOnceAndInOrder() {
        TestUser alice = TestUser.named("alice");
        TestUser bob = TestUser.named("bob");
        TestUser carol = TestUser.named("carol");
        ConversationScript plans = new ConversationScript();
        ConversationScript lunch = new ConversationScript();
        var plansCreated = plans.group("Plans", alice, bob);
        var lunchCreated = lunch.group("Lunch", alice, carol);
        MessageCreated p1 = plans.message(alice, "first plan");
        MessageCreated l1 = lunch.message(carol, "noodles?");
        MessageCreated p2 = plans.message(bob, "second plan");
        var edit = plans.edit(p1, "first plan, edited");
        MessageCreated p4 = plans.message(alice, "third plan");
        MessageCreated l2 = lunch.message(alice, "yes");
        var dave = TestUser.named("dave");
        var daveJoined = lunch.join(dave);
        MessageCreated l4 = lunch.message(dave, "me too");
        var bobRead = plans.read(bob, p2.seq());

        List<ChatEvent> batch = List.of(plansCreated, lunchCreated, p1, l1, p2, p1, l1, edit, p4, l2, p2, daveJoined,
                l4, l4, bobRead);
        listener.project(records(batch)).await().indefinitely();

        assertThat(history.allMessages(alice, plans.id())).extracting(MessageView::seq, MessageView::body)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(p1.seq(), "first plan, edited"),
                        org.assertj.core.groups.Tuple.tuple(p2.seq(), "second plan"),
                        org.assertj.core.groups.Tuple.tuple(p4.seq(), "third plan"));
        assertThat(history.allMessages(dave, lunch.id())).extracting(MessageView::body)
                .containsExactly("noodles?", "yes", "me too");
        EventPage plansEvents = history.events(alice, plans.id(), 0, 200);
        assertThat(plansEvents.events()).extracting(ChatEvent::seq).containsExactly(1L, 2L, 3L, 4L, 5L);
        assertThat(history.events(carol, lunch.id(), 0, 200).events()).extracting(ChatEvent::seq)
                .containsExactly(1L, 2L, 3L, 4L, 5L);
        ConversationSummary plansForBob = history.summary(bob, plans.id());
        assertThat(plansForBob.latestSeq()).isEqualTo(p4.seq());
        assertThat(plansForBob.readSeq()).isEqualTo(p2.seq());
        assertThat(plansForBob.unreadCount()).isEqualTo(1);
        assertThat(history.summary(dave, lunch.id()).latestSeq()).isEqualTo(l4.seq());
        assertThat(history.summary(alice, lunch.id()).lastActivityAt()).isEqualTo(l4.occurredAt());

        // The same batch again (a redelivery after a rebalance), and a later one overlapping it: nothing changes.
        List<MessageView> before = history.allMessages(alice, plans.id());
        listener.project(records(batch)).await().indefinitely();
        MessageCreated p6 = plans.message(bob, "after the replay");
        listener.project(records(List.of(p2, p4, edit, p6))).await().indefinitely();
        assertThat(history.allMessages(alice, plans.id())).extracting(MessageView::body)
                .containsExactly("first plan, edited", "second plan", "third plan", "after the replay");
        assertThat(history.allMessages(alice, plans.id()).subList(0, 3)).isEqualTo(before);
        assertThat(history.events(alice, plans.id(), 0, 200).events()).extracting(ChatEvent::seq)
                .containsExactly(1L, 2L, 3L, 4L, 5L, 6L);
    }

    @Test
    void reactionsAndReadsAmongMessagesEndAsTheyWouldOneByOne() {
        TestUser alice = TestUser.named("alice");
        TestUser bob = TestUser.named("bob");
        TestUser carol = TestUser.named("carol");
        ConversationScript chat = new ConversationScript();
        var created = chat.group("Reactions in a batch", alice, bob, carol);
        MessageCreated first = chat.message(alice, "first");
        var bobLikes = chat.react(bob, first, "👍");
        MessageCreated second = chat.message(alice, "second");
        var aliceLikes = chat.react(alice, first, "👍");
        var bobTakesBack = chat.unreact(bob, first, "👍");
        var bobLikesAgain = chat.react(bob, first, "👍");
        MessageCreated third = chat.message(alice, "third");
        var carolParty = chat.react(carol, third, "🎉");
        var carolTakesBack = chat.unreact(carol, third, "🎉");
        var aliceSmiles = chat.react(alice, third, "😀");
        var aliceOnSecond = chat.react(alice, second, "❤️");
        var aliceTakesBackSecond = chat.unreact(alice, second, "❤️");

        List<ChatEvent> batch = List.of(created, first, bobLikes, chat.read(bob, first.seq()), second, aliceLikes,
                bobTakesBack, bobLikesAgain, bobLikes, chat.read(carol, second.seq()), chat.read(carol, first.seq()),
                third, carolParty, chat.read(bob, third.seq()), chat.markUnread(bob, second),
                chat.read(bob, first.seq()), carolTakesBack, aliceSmiles, aliceOnSecond, aliceTakesBackSecond,
                aliceOnSecond);
        listener.project(records(batch)).await().indefinitely();
        assertReactionsAndReads(alice, bob, carol, chat, second);

        // Redelivered whole, and its reactions again after the batch: nothing changes (as the copy of aliceOnSecond
        // after its removal, inside the batch, changed nothing).
        listener.project(records(batch)).await().indefinitely();
        listener.project(records(List.of(bobLikes, bobTakesBack, carolParty, aliceOnSecond))).await().indefinitely();
        assertReactionsAndReads(alice, bob, carol, chat, second);
        assertThat(history.events(alice, chat.id(), 0, 200).events()).extracting(ChatEvent::seq)
                .containsExactly(LongStream.rangeClosed(1, chat.seq()).boxed().toArray(Long[]::new));
    }

    private void assertReactionsAndReads(TestUser alice, TestUser bob, TestUser carol, ConversationScript chat,
                                         MessageCreated second) {
        List<MessageView> messages = history.allMessages(alice, chat.id());
        assertThat(messages).extracting(MessageView::body).containsExactly("first", "second", "third");
        assertThat(messages.get(0).reactions()).containsExactly(new ReactionView("👍", 2, List.of(alice.id(), bob.id())));
        assertThat(messages.get(1).reactions()).isEmpty();
        assertThat(messages.get(2).reactions()).containsExactly(new ReactionView("😀", 1, List.of(alice.id())));
        ConversationSummary forBob = history.summary(bob, chat.id());
        assertThat(forBob.latestSeq()).isEqualTo(chat.seq());
        assertThat(forBob.readSeq()).isEqualTo(second.seq() - 1);
        assertThat(forBob.unreadCount()).isEqualTo(2);
        ConversationSummary forCarol = history.summary(carol, chat.id());
        assertThat(forCarol.readSeq()).isEqualTo(second.seq());
        assertThat(forCarol.unreadCount()).isEqualTo(1);
        assertThat(forCarol.lastActivityAt()).isEqualTo(messages.get(2).sentAt());
    }

    @Test
    void aPoisonEventInABatchIsDeadLetteredAndTheRestIsProjected() {
        TestUser alice = TestUser.named("alice");
        ConversationScript chat = new ConversationScript();
        ConversationScript other = new ConversationScript();
        var created = chat.group("Poison in a batch", alice);
        var otherCreated = other.group("Elsewhere", alice);
        MessageCreated before = chat.message(alice, "before the poison");
        MessageCreated poison = chat.message(alice, "a NUL \u0000 in batch " + OFFSETS.get());
        MessageCreated elsewhere = other.message(alice, "in another conversation");
        MessageCreated after = chat.message(alice, "after the poison");
        double deadBefore = deadLetters();

        List<ConsumerRecord<String, String>> records = records(List.of(created, otherCreated, before, poison,
                elsewhere, after));
        listener.project(records).await().indefinitely();

        assertThat(history.allMessages(alice, chat.id())).extracting(MessageView::body)
                .containsExactly("before the poison", "after the poison");
        assertThat(history.allMessages(alice, other.id())).extracting(MessageView::body)
                .containsExactly("in another conversation");
        assertThat(deadLetters() - deadBefore).isEqualTo(1);
        String poisonOffset = Long.toString(records.get(3).offset());
        List<ConsumerRecord<String, String>> dead = DeadLetterTopic.awaitRecords(bootstrapServers, Topic.CHAT_EVENTS,
                seen -> seen.stream().anyMatch(record -> DeadLetterTopic.header(record, "dead-letter-offset")
                        .filter(poisonOffset::equals).isPresent()));
        ConsumerRecord<String, String> letter = dead.stream().filter(record -> DeadLetterTopic
                .header(record, "dead-letter-offset").filter(poisonOffset::equals).isPresent()).findFirst().orElseThrow();
        assertThat(letter.value()).isEqualTo(records.get(3).value());
        assertThat(DeadLetterTopic.header(letter, "dead-letter-cause"))
                .hasValueSatisfying(cause -> assertThat(cause).contains("22021"));
    }

    @Test
    void withTracingOffTheKafkaConnectorTracesNoRecord() {
        assertThat(ConfigProvider.getConfig().getValue("quarkus.otel.sdk.disabled", Boolean.class)).isTrue();
        assertThat(ConfigProvider.getConfig()
                .getValue("mp.messaging.connector.smallrye-kafka.tracing-enabled", Boolean.class)).isFalse();
    }

    private List<ConsumerRecord<String, String>> records(List<? extends ChatEvent> events) {
        List<ConsumerRecord<String, String>> records = new ArrayList<>();
        for (ChatEvent event : events) {
            records.add(new ConsumerRecord<>(Topic.CHAT_EVENTS.topicName(), 0, OFFSETS.getAndIncrement(),
                    event.conversationId().toString(), write(event)));
        }
        return records;
    }

    private String write(ChatEvent event) {
        try {
            return mapper.writeValueAsString(event);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private double deadLetters() {
        Counter counter = metrics.find("chatsuite.dead.letters").tag("channel", ChatEventsListener.CHANNEL).counter();
        return counter == null ? 0 : counter.count();
    }
}
