package io.chatsuite.history.listener;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.chatsuite.contracts.Topic;
import io.chatsuite.contracts.chat.MessageCreated;
import io.chatsuite.contracts.user.ProfileUpdated;
import io.chatsuite.contracts.user.UserRegistered;
import io.chatsuite.devstack.testing.DeadLetterTopic;
import io.chatsuite.devstack.testing.LocalStackTestResource;
import io.chatsuite.devstack.testing.TestTokenIssuer;
import io.chatsuite.history.api.MessageView;
import io.chatsuite.history.testing.ConversationScript;
import io.chatsuite.history.testing.HistoryClient;
import io.chatsuite.history.testing.TestEvents;
import io.chatsuite.history.testing.TestUser;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/**
 * Issue 17: one record history-service can never store (a body with U+0000, which PostgreSQL refuses; a payload that
 * is not JSON) must not stop history for everyone. It goes to the dead-letter topic, is counted, and the records
 * after it are stored; the service stays ready.
 */
@QuarkusTest
@WithTestResource(LocalStackTestResource.class)
@WithTestResource(TestTokenIssuer.class)
class PoisonRecordTests {

    @Inject
    TestEvents events;

    @Inject
    HistoryClient history;

    @Inject
    MeterRegistry metrics;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @Test
    void aChatEventThatCannotBeStoredIsDeadLetteredAndTheTimelineGoesOn() {
        TestUser alice = TestUser.named("alice");
        ConversationScript chat = new ConversationScript();
        var created = chat.group("Poison", alice);
        MessageCreated poison = chat.message(alice, "a NUL \u0000 PostgreSQL cannot store");
        MessageCreated after = chat.message(alice, "still here");
        double deadBefore = deadLetters(ChatEventsListener.CHANNEL);

        RecordMetadata poisonRecord = events.publish(created, poison).get(1);
        RecordMetadata unreadable = events.publishRaw(Topic.CHAT_EVENTS, chat.id().toString(), "not json");
        events.publish(after);

        history.awaitStored(alice, chat.id(), after.seq());
        assertThat(history.allMessages(alice, chat.id())).extracting(MessageView::body).containsExactly("still here");
        List<ConsumerRecord<String, String>> dead = awaitDeadLetters(Topic.CHAT_EVENTS, poisonRecord, unreadable);
        assertThat(dead.get(0).value()).contains("a NUL \\u0000 PostgreSQL cannot store");
        assertThat(dead.get(1).value()).isEqualTo("not json");
        assertThat(DeadLetterTopic.header(dead.get(0), "dead-letter-cause"))
                .hasValueSatisfying(cause -> assertThat(cause).contains("22021"));
        assertThat(deadLetters(ChatEventsListener.CHANNEL) - deadBefore).isEqualTo(2);
        given().get("/q/health/ready").then().statusCode(200);
    }

    @Test
    void aUserEventThatCannotBeReadIsDeadLetteredAndTheNextOneApplies() {
        TestUser bob = TestUser.named("bob");
        ConversationScript chat = new ConversationScript();
        Instant at = Instant.now().minusSeconds(60);
        events.publish(new UserRegistered(bob.id(), bob.username(), "Bob", at));
        events.publish(chat.group("Names", bob), chat.message(bob, "hello"));
        double deadBefore = deadLetters(UserEventsListener.CHANNEL);

        RecordMetadata unreadable = events.publishRaw(Topic.USER_EVENTS, bob.id().toString(),
                "{\"type\":\"user.profile-updated\",\"userId\":");
        events.publish(new ProfileUpdated(bob.id(), bob.username(), "Robert", null, at.plusSeconds(1)));

        await().atMost(Duration.ofSeconds(30)).ignoreExceptions()
                .until(() -> "Robert".equals(history.allMessages(bob, chat.id()).get(0).senderName()));
        awaitDeadLetters(Topic.USER_EVENTS, unreadable);
        assertThat(deadLetters(UserEventsListener.CHANNEL) - deadBefore).isEqualTo(1);
        given().get("/q/health/ready").then().statusCode(200);
    }

    private double deadLetters(String channel) {
        Counter counter = metrics.find("chatsuite.dead.letters").tag("channel", channel).counter();
        return counter == null ? 0 : counter.count();
    }

    /** The dead letters of these records, in the order given. */
    private List<ConsumerRecord<String, String>> awaitDeadLetters(Topic topic, RecordMetadata... originals) {
        List<ConsumerRecord<String, String>> seen = DeadLetterTopic.awaitRecords(bootstrapServers, topic,
                records -> Arrays.stream(originals).allMatch(original -> records.stream()
                        .anyMatch(record -> DeadLetterTopic.isDeadLetterOf(record, original))));
        return Arrays.stream(originals).map(original -> seen.stream()
                .filter(record -> DeadLetterTopic.isDeadLetterOf(record, original)).findFirst().orElseThrow())
                .toList();
    }
}
