package io.chatsuite.chat.service;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.chatsuite.chat.ChatTestSupport;
import io.chatsuite.chat.ChatTestSupport.Frames;
import io.chatsuite.chat.ChatTestSupport.TestUser;
import io.chatsuite.contracts.Topic;
import io.chatsuite.contracts.chat.ChatCommand;
import io.chatsuite.contracts.chat.DeleteMessage;
import io.chatsuite.contracts.chat.MarkRead;
import io.chatsuite.contracts.chat.MessageFormat;
import io.chatsuite.contracts.chat.ReactToMessage;
import io.chatsuite.contracts.chat.SendMessage;
import io.chatsuite.contracts.protocol.NodeAnswer;
import io.chatsuite.devstack.testing.LocalStackTestResource;
import io.chatsuite.devstack.testing.TestTokenIssuer;
import io.opentelemetry.context.Context;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import java.util.stream.LongStream;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 15: a batch decided set-based answers every command as if it had been decided alone, and its events reach
 * Kafka once, in seq order, whether the batch publishes them or, after a crash between commit and publication, the
 * relay or the conversation's next batch does. Batches are handed to the pipeline directly, so each test chooses
 * exactly what one batch holds.
 */
@QuarkusTest
@WithTestResource(LocalStackTestResource.class)
@WithTestResource(TestTokenIssuer.class)
class CommandBatchTests {

    /** The advisory lock key theAnswersLeaveOnceKafkaHoldsTheEventsWithoutWaitingForTheWatermark holds. */
    private static final long WATERMARK_HOLD = 7_700_100L;

    @Inject
    ChatTestSupport chat;

    @Inject
    CommandPipeline pipeline;

    @Inject
    CommandProcessor processor;

    @Inject
    Pool pool;

    @Inject
    ObjectMapper json;

    @Inject
    RedisDataSource redis;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    TestUser alice;
    TestUser bob;
    TestUser mallory;

    @BeforeEach
    void users() {
        alice = chat.newUser("alice" + suffix());
        bob = chat.newUser("bob" + suffix());
        mallory = chat.newUser("mallory" + suffix());
        chat.awaitKnown(alice, bob, mallory);
    }

    @Test
    void everyPooledConnectionKeepsOneGenericPlanPerStatement() {
        // Planning the batch's unnest statements anew on every execution cost PostgreSQL more than running them.
        String mode = pool.query("SHOW plan_cache_mode").execute().await().atMost(Duration.ofSeconds(30))
                .iterator().next().getString(0);
        assertThat(mode).isEqualTo("force_generic_plan");
    }

    @Test
    void aConversationsSeqAndWatermarkAreUpdatedInPlace() {
        UUID room = room(alice, bob);
        Frames aliceFrames = chat.listen(alice);
        handle(List.of(send(alice, "first", room, "first", null)));
        aliceFrames.awaitReply("first");
        long[] before = conversationUpdates();
        for (int i = 0; i < 10; i++) {
            handle(List.of(send(alice, "in-place-" + i, room, "message " + i, null)));
        }
        // The watermark is recorded right after the answers leave.
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(publishedSeq(room)).isEqualTo(13));

        // Ten batches, two updates each (seq, watermark). Each non-HOT update wrote a new entry into every index.
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            long[] after = conversationUpdates();
            assertThat(after[0] - before[0]).as("updates").isGreaterThanOrEqualTo(20);
            // Allowing for the odd page without room left (before: none of them).
            assertThat(after[1] - before[1]).as("of which heap-only").isGreaterThanOrEqualTo(16);
        });
    }

    /** PostgreSQL's counts of updates to conversations, all and heap-only (HOT). */
    private long[] conversationUpdates() {
        // Each query in a transaction of its own reads fresh statistics.
        var row = pool.query("SELECT n_tup_upd, n_tup_hot_upd FROM pg_stat_user_tables WHERE relname = 'conversations'")
                .execute().await().atMost(Duration.ofSeconds(10)).iterator().next();
        return new long[] {row.getLong(0), row.getLong(1)};
    }

    @Test
    void everyReadOfABatchReachesTheMembersOfItsConversationAsAReceipt() {
        UUID first = room(alice, bob);        // seq 1 created, 2 bob joined
        UUID second = room(alice, bob);
        Frames aliceFrames = chat.listen(alice);
        Frames bobFrames = chat.listen(bob);
        Frames malloryFrames = chat.listen(mallory);
        handle(List.of(send(alice, "hello-1", first, "hello", null), send(alice, "hello-2", second, "hello", null)));
        aliceFrames.awaitReply("hello-2");
        await().atMost(Duration.ofSeconds(30)).until(() -> bobFrames.events("message.created").size() == 2);
        // One batch, one publication of its cursors and one statement for their members. A cursor starts at the
        // member's join, so each read moves it forward past alice's message (seq 3).
        handle(List.of(
                new MarkRead("r-1", first, bob.id(), bob.session(), Instant.now(), 3),
                new MarkRead("r-2", second, bob.id(), bob.session(), Instant.now(), 3),
                new MarkRead("r-3", first, alice.id(), alice.session(), Instant.now(), 3)));

        List<String> expected = List.of(first + " " + bob.id(), second + " " + bob.id(), first + " " + alice.id());
        for (Frames frames : List.of(aliceFrames, bobFrames)) {
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(frames.ofType("receipt"))
                    .extracting(receipt -> receipt.path("conversationId").asText() + " "
                            + receipt.path("userId").asText())
                    .containsExactlyInAnyOrderElementsOf(expected));
        }
        assertThat(malloryFrames.ofType("receipt")).as("not a member of either").isEmpty();
    }

    @Test
    void aMixedBatchAnswersEachCommandAsAloneAndItsReplayGivesTheSameAnswers() {
        UUID shared = room(alice, bob);       // seq 1 created, 2 bob joined
        UUID aliceOnly = room(alice, null);   // seq 1 created
        Frames aliceFrames = chat.listen(alice);
        Frames bobFrames = chat.listen(bob);
        Frames malloryFrames = chat.listen(mallory);
        handle(List.of(send(alice, "earlier", shared, "from an earlier batch", null)));
        JsonNode earlier = aliceFrames.awaitReply("earlier");
        assertThat(earlier.path("seq").asLong()).isEqualTo(3);

        List<ChatCommand> batch = List.of(
                send(alice, "a-1", shared, "one", null),
                send(bob, "b-1", shared, "two", 4L),                   // answers a-1, stored a moment before
                send(mallory, "m-1", shared, "let me in", null),       // not a member
                send(alice, "a-1", shared, "one", null),               // the same id again in the batch
                send(alice, "earlier", shared, "from an earlier batch", null), // an id of an earlier batch
                send(alice, "a-2", aliceOnly, "elsewhere", null),
                send(alice, "blank", shared, "   ", null),             // refused: no text
                new MarkRead("read", shared, bob.id(), bob.session(), Instant.now(), 4),
                send(bob, "b-2", shared, "three", 99L),                // refused: no such seq
                send(bob, "b-3", shared, "four", null),
                send(alice, "a-2", shared, "same id, other room", null));
        List<Frames> listeners = List.of(aliceFrames, bobFrames, malloryFrames);
        List<String> firstTime = handleAndCollectReplies(batch, listeners);
        assertThat(firstTime).containsExactly("ack 4", "ack 5", "not_found", "ack 4", "ack 3", "ack 2",
                "missing_field", "ack 4", "invalid_field", "ack 6", "invalid_field");
        assertThat(aliceFrames.replies("a-1")).extracting(reply -> reply.path("messageId").asText())
                .as("one message for both").containsOnly(aliceFrames.replies("a-1").get(0).path("messageId").asText());
        assertThat(aliceFrames.replies("earlier").get(1).path("messageId").asText())
                .isEqualTo(earlier.path("messageId").asText());

        // The same records again, as after a rebalance before the offsets were committed: the same answers.
        List<String> secondTime = handleAndCollectReplies(batch, listeners);
        assertThat(secondTime).isEqualTo(firstTime);
        assertThat(aliceFrames.replies("a-1")).extracting(reply -> reply.path("messageId").asText())
                .containsOnly(aliceFrames.replies("a-1").get(0).path("messageId").asText());
        assertThat(bobFrames.replies("b-3").get(1).path("messageId").asText())
                .isEqualTo(bobFrames.replies("b-3").get(0).path("messageId").asText());

        assertThat(lastSeq(shared)).isEqualTo(6);
        assertThat(lastSeq(aliceOnly)).isEqualTo(2);
        await().atMost(Duration.ofSeconds(30)).until(() -> bobFrames.events("message.created").size() >= 4);
        assertThat(bobFrames.events("message.created")).extracting(event -> event.path("seq").asLong())
                .as("each stored message delivered once, in seq order").containsExactly(3L, 4L, 5L, 6L);
        assertThat(bobFrames.events("message.created").get(2).path("replyTo").asLong()).isEqualTo(4);
        assertThat(chatEventSeqs(shared, 6)).containsExactly(1L, 2L, 3L, 4L, 5L, 6L);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            assertThat(publishedSeq(shared)).as("the publication watermark").isEqualTo(6);
            assertThat(publishedSeq(aliceOnly)).isEqualTo(2);
        });
    }

    @Test
    void aRunOfReactionsBesideSendsAnswersEachAsAloneAndItsReplayGivesTheSameAnswers() {
        UUID shared = room(alice, bob);       // seq 1 created, 2 bob joined
        Frames aliceFrames = chat.listen(alice);
        Frames bobFrames = chat.listen(bob);
        Frames malloryFrames = chat.listen(mallory);
        handle(List.of(send(alice, "liked", shared, "like me", null), send(alice, "gone", shared, "delete me", null)));
        UUID liked = UUID.fromString(aliceFrames.awaitReply("liked").path("messageId").asText());   // seq 3
        UUID gone = UUID.fromString(aliceFrames.awaitReply("gone").path("messageId").asText());     // seq 4
        handle(List.of(new DeleteMessage("delete", shared, alice.id(), alice.session(), Instant.now(), gone)));
        assertThat(aliceFrames.awaitReply("delete").path("seq").asLong()).isEqualTo(5);

        List<ChatCommand> batch = List.of(
                react(bob, "r-1", shared, liked, "👍", false),
                react(bob, "r-2", shared, liked, "👍", false),        // already there: acked at the current seq
                send(alice, "a-1", shared, "in between", null),
                react(bob, "r-3", shared, liked, "👍", true),
                react(bob, "r-4", shared, liked, "👍", true),         // already gone
                react(alice, "r-5", shared, liked, "🎉", false),
                react(mallory, "m-1", shared, liked, "👍", false),    // not a member
                react(bob, "r-1", shared, liked, "👍", false),        // the same id again in the batch
                react(bob, "r-6", shared, gone, "👍", false),         // a deleted message
                react(bob, "r-7", shared, liked, "not an emoji", false), // refused alone, between two runs
                react(bob, "r-8", shared, liked, "👍", false));       // there again
        List<Frames> listeners = List.of(aliceFrames, bobFrames, malloryFrames);
        List<String> firstTime = handleAndCollectReplies(batch, listeners);
        assertThat(firstTime).containsExactly("ack 6", "ack 6", "ack 7", "ack 8", "ack 8", "ack 9", "not_found",
                "ack 6", "not_found", "invalid_field", "ack 10");

        // The same records again, as after a rebalance before the offsets were committed: the same answers.
        assertThat(handleAndCollectReplies(batch, listeners)).isEqualTo(firstTime);

        assertThat(lastSeq(shared)).isEqualTo(10);
        await().atMost(Duration.ofSeconds(30)).until(() -> bobFrames.events("reaction.added").size() >= 3);
        assertThat(bobFrames.events("reaction.added")).extracting(event -> event.path("seq").asLong() + " "
                + event.path("emoji").asText()).containsExactly("6 👍", "9 🎉", "10 👍");
        assertThat(bobFrames.events("reaction.removed")).extracting(event -> event.path("seq").asLong())
                .containsExactly(8L);
        assertThat(chatEventSeqs(shared, 10)).containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L, 10L);
        assertThat(reactionsOn(liked)).containsExactlyInAnyOrder(alice.id() + " 🎉", bob.id() + " 👍");
        assertThat(reactionsOn(gone)).isEmpty();
    }

    /** Reads decided in the run beside sends (they no longer split it): each cursor moves as one read alone would. */
    @Test
    void aRunOfReadsBesideSendsMovesEachCursorAsAReadDecidedAlone() {
        UUID shared = room(alice, bob);       // seq 1 created, 2 bob joined: bob's cursor at 2
        Frames aliceFrames = chat.listen(alice);
        Frames bobFrames = chat.listen(bob);
        Frames malloryFrames = chat.listen(mallory);
        handle(List.of(send(alice, "seen", shared, "read me", null)));
        assertThat(aliceFrames.awaitReply("seen").path("seq").asLong()).isEqualTo(3);

        List<ChatCommand> batch = List.of(
                read(bob, "r-1", shared, 3),
                send(alice, "a-1", shared, "one", null),               // seq 4
                read(bob, "r-2", shared, 99),                          // capped at the last event so far: 4
                read(bob, "r-3", shared, 2),                           // never back: stays at 4
                send(alice, "a-2", shared, "two", null),               // seq 5
                read(mallory, "m-1", shared, 3),                       // not a member
                read(bob, "r-4", shared, -1),
                read(bob, "r-5", shared, 5));
        assertThat(handleAndCollectReplies(batch, List.of(aliceFrames, bobFrames, malloryFrames)))
                .containsExactly("ack 3", "ack 4", "ack 4", "ack 4", "ack 5", "not_found", "invalid_field", "ack 5");

        assertThat(readSeq(shared, bob)).isEqualTo(5);
        // A receipt for each move, in order; none for the reads that moved nothing.
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(aliceFrames.ofType("receipt"))
                .extracting(receipt -> receipt.path("seq").asLong()).containsExactly(3L, 4L, 5L));
        assertThat(malloryFrames.ofType("receipt")).isEmpty();
    }

    private long readSeq(UUID conversationId, TestUser member) {
        return pool.preparedQuery("SELECT read_seq FROM members WHERE conversation_id = $1 AND user_id = $2")
                .execute(Tuple.of(conversationId, member.id())).await().atMost(Duration.ofSeconds(10))
                .iterator().next().getLong(0);
    }

    /** Who has which reaction on the message, as "user emoji". */
    private List<String> reactionsOn(UUID messageId) {
        List<String> found = new ArrayList<>();
        pool.preparedQuery("SELECT user_id, emoji FROM reactions WHERE message_id = $1").execute(Tuple.of(messageId))
                .await().atMost(Duration.ofSeconds(10))
                .forEach(row -> found.add(row.getUUID("user_id") + " " + row.getString("emoji")));
        return found;
    }

    @Test
    void eventsStoredButNeverPublishedAreRelayedOnceInOrder() {
        UUID room = room(alice, bob);
        Frames bobFrames = chat.listen(bob);
        // Decided and committed, then "crashed" before the publication: nothing on Kafka, the watermark behind.
        List<ChatCommand> stranded = new ArrayList<>();
        for (int n = 0; n < 5; n++) {
            stranded.add(send(alice, "stranded-" + n, room, "stranded " + n, null));
        }
        processor.decide(stranded).await().atMost(Duration.ofSeconds(30));
        assertThat(lastSeq(room)).isEqualTo(7);
        assertThat(publishedSeq(room)).isEqualTo(2);

        assertThat(chatEventSeqs(room, 7)).as("the relay publishes them, once, in order")
                .containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 7L);
        await().atMost(Duration.ofSeconds(30)).until(() -> publishedSeq(room) == 7);
        await().atMost(Duration.ofSeconds(30)).until(() -> bobFrames.events("message.created").size() >= 5);

        handle(List.of(send(alice, "after", room, "after the relay", null)));
        assertThat(chatEventSeqs(room, 8)).containsExactly(LongStream.rangeClosed(1, 8).boxed().toArray(Long[]::new));
    }

    @Test
    void theConversationsNextBatchPublishesWhatACrashLeftBehindBeforeItsOwn() {
        UUID room = room(alice, bob);
        processor.decide(List.of(send(alice, "left-1", room, "left behind 1", null),
                send(alice, "left-2", room, "left behind 2", null))).await().atMost(Duration.ofSeconds(30));
        // Within the relay's grace period, the conversation's next batch finds the watermark behind its first seq.
        handle(List.of(send(bob, "next", room, "the next batch", null)));

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(publishedSeq(room)).isEqualTo(5));
        assertThat(chatEventSeqs(room, 5)).containsExactly(1L, 2L, 3L, 4L, 5L);
    }

    @Test
    void theAnswersLeaveOnceKafkaHoldsTheEventsWithoutWaitingForTheWatermark() {
        UUID room = room(alice, bob);   // seq 1 created, 2 bob joined
        Frames aliceFrames = chat.listen(alice);
        await().atMost(Duration.ofSeconds(30)).until(() -> publishedSeq(room) == 2);
        // Only the watermark's update sets published_seq; here it waits for an advisory lock this test holds.
        SqlConnection holder = pool.getConnection().await().atMost(Duration.ofSeconds(10));
        try {
            holder.query("SELECT pg_advisory_lock(" + WATERMARK_HOLD + ")").execute()
                    .await().atMost(Duration.ofSeconds(10));
            pool.query("""
                    CREATE FUNCTION hold_watermark() RETURNS trigger LANGUAGE plpgsql AS $$
                    BEGIN PERFORM pg_advisory_xact_lock(%1$d); RETURN NEW; END $$;
                    CREATE TRIGGER hold_watermark BEFORE UPDATE OF published_seq ON conversations FOR EACH ROW
                    WHEN (NEW.published_seq IS DISTINCT FROM OLD.published_seq) EXECUTE FUNCTION hold_watermark();
                    """.formatted(WATERMARK_HOLD)).execute().await().atMost(Duration.ofSeconds(10));

            handle(List.of(send(alice, "held", room, "answered before the watermark", null)));

            assertThat(aliceFrames.awaitReply("held").path("seq").asLong()).isEqualTo(3);
            assertThat(chatEventSeqs(room, 3)).containsExactly(1L, 2L, 3L);
            assertThat(publishedSeq(room)).as("the watermark, still waiting").isEqualTo(2);
        } finally {
            holder.query("SELECT pg_advisory_unlock(" + WATERMARK_HOLD + ")").execute()
                    .await().atMost(Duration.ofSeconds(10));
            holder.close().await().atMost(Duration.ofSeconds(10));
            pool.query("DROP TRIGGER IF EXISTS hold_watermark ON conversations; DROP FUNCTION IF EXISTS hold_watermark()")
                    .execute().await().atMost(Duration.ofSeconds(10));
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> publishedSeq(room) == 3);
    }

    private void handle(List<ChatCommand> commands) {
        handle(commands, command -> null);
    }

    /** The batch, each command as sent through the gateway node {@code nodeOf} names (null: none named). */
    private void handle(List<ChatCommand> commands, Function<ChatCommand, UUID> nodeOf) {
        List<CommandRecord> records = new ArrayList<>();
        for (ChatCommand command : commands) {
            try {
                records.add(new CommandRecord(command.conversationId().toString(), json.writeValueAsString(command),
                        Context.root(), nodeOf.apply(command), "chat.commands", 0, records.size()));
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        }
        pipeline.handle(records).await().atMost(Duration.ofSeconds(60));
    }

    @Test
    void aBatchsAnswersGoOutOncePerGatewayNodeEachForItsSendersSession() {
        UUID room = room(alice, bob);
        UUID first = UUID.randomUUID();
        UUID second = UUID.randomUUID();
        Map<UUID, List<String>> published = Map.of(first, new CopyOnWriteArrayList<>(),
                second, new CopyOnWriteArrayList<>());
        var subscriptions = published.entrySet().stream().map(node -> redis.pubsub(String.class)
                .subscribe(NodeAnswer.channelOf(node.getKey()), node.getValue()::add)).toList();
        Frames aliceFrames = chat.listen(alice);
        try {
            SendMessage bobs = send(bob, "b-1", room, "from the second node", null);
            handle(List.of(send(alice, "a-1", room, "one", null), bobs, send(alice, "a-2", room, "two", null),
                    send(mallory, "m-1", room, "not a member", null)), command -> command == bobs ? second : first);

            await().atMost(Duration.ofSeconds(30)).until(() -> published.values().stream().noneMatch(List::isEmpty));
            List<NodeAnswer> toFirst = NodeAnswer.read(published.get(first).get(0));
            assertThat(toFirst).extracting(NodeAnswer::userId).containsExactly(alice.id(), alice.id(), mallory.id());
            assertThat(toFirst).extracting(NodeAnswer::sessionId)
                    .containsExactly(alice.session(), alice.session(), mallory.session());
            assertThat(toFirst).extracting(answer -> frame(answer).path("id").asText() + " "
                    + frame(answer).path("type").asText()).containsExactly("a-1 ack", "a-2 ack", "m-1 error");
            List<NodeAnswer> toSecond = NodeAnswer.read(published.get(second).get(0));
            assertThat(toSecond).extracting(answer -> answer.userId() + " " + frame(answer).path("id").asText())
                    .containsExactly(bob.id() + " b-1");
            assertThat(published.get(first)).hasSize(1);
            // Not on the sender's own channel as well.
            assertThat(aliceFrames.replies("a-1")).isEmpty();
        } finally {
            subscriptions.forEach(subscription -> subscription.unsubscribe());
        }
    }

    private JsonNode frame(NodeAnswer answer) {
        try {
            return json.readTree(answer.published());
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    /**
     * Hands the batch to the pipeline and answers each command's reply, in the batch's order: "ack <seq>" or the
     * error's code.
     */
    private List<String> handleAndCollectReplies(List<ChatCommand> batch, List<Frames> listeners) {
        Map<ChatCommand, Frames> framesOf = new java.util.IdentityHashMap<>();
        Map<String, Integer> next = new java.util.HashMap<>();
        Map<ChatCommand, Integer> nth = new java.util.IdentityHashMap<>();
        for (ChatCommand command : batch) {
            Frames frames = command.senderId().equals(alice.id()) ? listeners.get(0)
                    : command.senderId().equals(bob.id()) ? listeners.get(1) : listeners.get(2);
            framesOf.put(command, frames);
            String key = command.senderId() + "/" + command.clientId();
            nth.put(command, next.computeIfAbsent(key, k -> frames.replies(command.clientId()).size()));
            next.merge(key, 1, Integer::sum);
        }
        handle(batch);
        List<String> answers = new ArrayList<>();
        for (ChatCommand command : batch) {
            Frames frames = framesOf.get(command);
            int index = nth.get(command);
            await().atMost(Duration.ofSeconds(30)).until(() -> frames.replies(command.clientId()).size() > index);
            JsonNode reply = frames.replies(command.clientId()).get(index);
            answers.add(reply.path("type").asText().equals("ack") ? "ack " + reply.path("seq").asLong()
                    : reply.path("code").asText());
        }
        return answers;
    }

    /** The seqs of the conversation's events on chat.events, in the order Kafka holds them, once it has {@code n}. */
    private List<Long> chatEventSeqs(UUID conversationId, int n) {
        Map<String, Object> config = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config, new StringDeserializer(),
                new StringDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(Topic.CHAT_EVENTS.topicName()).stream()
                    .map(info -> new TopicPartition(info.topic(), info.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            List<Long> seqs = new ArrayList<>();
            await().atMost(Duration.ofSeconds(60)).until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(record -> timelineSeq(record.key(), record.value(),
                        conversationId, seqs));
                return seqs.size() >= n;
            });
            // Anything published twice would be right behind.
            consumer.poll(Duration.ofSeconds(1)).forEach(record -> timelineSeq(record.key(), record.value(),
                    conversationId, seqs));
            return seqs;
        }
    }

    /** A timeline event's seq (read receipts share the topic and the key, but are not in the sequence). */
    private void timelineSeq(String key, String payload, UUID conversationId, List<Long> seqs) {
        try {
            JsonNode event = json.readTree(payload);
            if (key.equals(conversationId.toString())
                    && !event.path("type").asText().equals("read.cursor-moved")) {
                seqs.add(event.path("seq").asLong());
            }
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private long lastSeq(UUID conversationId) {
        return column("last_seq", conversationId);
    }

    private long publishedSeq(UUID conversationId) {
        return column("published_seq", conversationId);
    }

    private long column(String name, UUID conversationId) {
        return pool.preparedQuery("SELECT " + name + " FROM conversations WHERE id = $1")
                .execute(Tuple.of(conversationId)).await().atMost(Duration.ofSeconds(10))
                .iterator().next().getLong(0);
    }

    /** A room of the owner, with the member if one is given. */
    private UUID room(TestUser owner, TestUser member) {
        UUID room = UUID.fromString(given().auth().oauth2(owner.token()).contentType(ContentType.JSON)
                .body(Map.of("name", "Batch " + suffix(), "isPublic", false))
                .post("/api/rooms").then().statusCode(200).extract().path("conversation.id"));
        if (member != null) {
            given().auth().oauth2(owner.token()).contentType(ContentType.JSON).body(Map.of("userId", member.id()))
                    .post("/api/rooms/" + room + "/members").then().statusCode(200);
        }
        return room;
    }

    private static SendMessage send(TestUser sender, String clientId, UUID conversation, String body, Long replyTo) {
        return new SendMessage(clientId, conversation, sender.id(), sender.session(), Instant.now(), body,
                MessageFormat.MARKDOWN, replyTo, List.of());
    }

    private static MarkRead read(TestUser reader, String clientId, UUID conversation, long seq) {
        return new MarkRead(clientId, conversation, reader.id(), reader.session(), Instant.now(), seq);
    }

    private static ReactToMessage react(TestUser sender, String clientId, UUID conversation, UUID messageId,
                                        String emoji, boolean remove) {
        return new ReactToMessage(clientId, conversation, sender.id(), sender.session(), Instant.now(), messageId,
                emoji, remove);
    }

    private static String suffix() {
        return UUID.randomUUID().toString().substring(0, 8);
    }
}
