package io.chatsuite.presence.listener;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.chatsuite.contracts.chat.ConversationCreated;
import io.chatsuite.contracts.chat.ConversationKind;
import io.chatsuite.contracts.chat.MemberRole;
import io.chatsuite.contracts.chat.MessageCreated;
import io.chatsuite.contracts.chat.MessageFormat;
import io.chatsuite.devstack.testing.LocalStackTestResource;
import io.chatsuite.devstack.testing.TestTokenIssuer;
import io.chatsuite.presence.repository.VisibilityGraph;
import io.chatsuite.presence.testing.TestSignals;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.junit.jupiter.api.Test;

/**
 * Issue 15: the visibility graph reads chat.events in batches, passes over message records by their type header
 * without reading them, and saves its position once per batch; membership changes still apply, in order.
 */
@QuarkusTest
@WithTestResource(LocalStackTestResource.class)
@WithTestResource(TestTokenIssuer.class)
class MembershipBatchTests {

    private static final int MESSAGES = 200;

    @Inject
    TestSignals signals;

    @Inject
    MeterRegistry metrics;

    @Inject
    RedisDataSource redis;

    @Test
    void aConversationCreatedAfterABatchOfMessagesLetsItsMembersSeeEachOther() {
        UUID alice = UUID.randomUUID();
        UUID carol = UUID.randomUUID();
        UUID conversation = UUID.randomUUID();
        UUID busy = UUID.randomUUID();
        for (int i = 1; i <= MESSAGES; i++) {
            signals.published(new MessageCreated(busy, i, Instant.now(), alice, UUID.randomUUID(), "c-" + i,
                    "message " + i, MessageFormat.PLAIN, null, List.of()));
        }
        RecordMetadata created = signals.published(room(conversation, alice, carol));

        awaitVisible(carol, alice);
        // The batch's position is saved: a restart resumes after the room, not before the messages.
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            String next = redis.hash(String.class).hget(VisibilityGraph.OFFSETS,
                    VisibilityGraph.positionField(created.topic(), created.partition()));
            return next != null && Long.parseLong(next) > created.offset();
        });
    }

    @Test
    void messageRecordsArePassedOverByTheirHeaderWithoutBeingRead() {
        UUID alice = UUID.randomUUID();
        UUID carol = UUID.randomUUID();
        UUID conversation = UUID.randomUUID();
        double skippedBefore = count(MembershipListener.SKIPPED);
        double deadBefore = deadLetters();

        // Not JSON at all: read, each would be a dead letter; passed over by its header, none is.
        for (int i = 0; i < 20; i++) {
            signals.withType(conversation.toString(), "message.created", "not json " + i);
        }
        signals.published(room(conversation, alice, carol));

        awaitVisible(carol, alice);
        assertThat(count(MembershipListener.SKIPPED) - skippedBefore).isGreaterThanOrEqualTo(20);
        assertThat(deadLetters()).isEqualTo(deadBefore);
    }

    @Test
    void scriptsRunByTheirShaAreSentAgainWhenRedisForgotThem() {
        UUID alice = UUID.randomUUID();
        UUID bob = UUID.randomUUID();
        UUID carol = UUID.randomUUID();
        signals.published(room(UUID.randomUUID(), alice, bob));
        awaitVisible(bob, alice);

        redis.execute("SCRIPT", "FLUSH");
        signals.published(room(UUID.randomUUID(), alice, carol));

        awaitVisible(carol, alice);
    }

    private static ConversationCreated room(UUID conversation, UUID owner, UUID member) {
        return new ConversationCreated(conversation, 1, Instant.now(), owner, ConversationKind.GROUP, "Room", null,
                false, List.of(new ConversationCreated.Member(owner, MemberRole.OWNER),
                new ConversationCreated.Member(member, MemberRole.MEMBER)));
    }

    private double count(String name) {
        Counter counter = metrics.find(name).tag("channel", MembershipListener.CHANNEL).counter();
        return counter == null ? 0 : counter.count();
    }

    private double deadLetters() {
        Counter counter = metrics.find("chatsuite.dead.letters").tag("channel", MembershipListener.CHANNEL).counter();
        return counter == null ? 0 : counter.count();
    }

    private static void awaitVisible(UUID viewer, UUID user) {
        // The first test also waits for the consumers' first assignment.
        await().atMost(Duration.ofSeconds(90)).until(() -> given().auth()
                .oauth2(TestTokenIssuer.tokenFor(viewer, "u" + viewer.toString().substring(0, 8)))
                .get("/api/presence/" + user).statusCode() == 200);
    }
}
