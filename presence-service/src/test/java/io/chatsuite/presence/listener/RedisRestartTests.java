package io.chatsuite.presence.listener;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.chatsuite.contracts.chat.ConversationCreated;
import io.chatsuite.contracts.chat.ConversationKind;
import io.chatsuite.contracts.chat.MemberRole;
import io.chatsuite.devstack.testing.LocalStackTestResource;
import io.chatsuite.devstack.testing.RedisProcess;
import io.chatsuite.devstack.testing.TestTokenIssuer;
import io.chatsuite.presence.testing.TestSignals;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/**
 * Issue 20: a Redis outage once failed the {@code chat-events} channel for good ("nacked, fail-stop"), and presence
 * never worked again for conversations created afterwards. The channel now waits the outage out: the record that
 * failed is applied once Redis is back, and the service stays live.
 */
@QuarkusTest
@WithTestResource(LocalStackTestResource.class)
@WithTestResource(TestTokenIssuer.class)
class RedisRestartTests {

    @Inject
    TestSignals signals;

    @Inject
    MeterRegistry metrics;

    @ConfigProperty(name = "quarkus.redis.hosts")
    String redisUrl;

    @Test
    void aConversationCreatedWhileRedisDiesLetsItsMembersSeeEachOtherOnceRedisIsBack() {
        UUID alice = UUID.randomUUID();
        UUID bob = UUID.randomUUID();
        signals.published(room(alice, bob));
        awaitVisible(bob, alice, Duration.ofSeconds(90)); // the channel is assigned and applying records

        UUID carol = UUID.randomUUID();
        double transientFailuresBefore = transientFailures();
        double deadLettersBefore = deadLetters();
        RedisProcess redis = RedisProcess.listeningOn(redisUrl);
        double consumedBefore = recordsConsumed();
        redis.freeze();
        try {
            signals.published(room(alice, carol));
            // The listener takes the record and sends the graph's write, which waits in the frozen server's socket...
            await("the listener takes the record").atMost(Duration.ofSeconds(30))
                    .until(() -> recordsConsumed() > consumedBefore && redis.hasUnreadCommands());
        } finally {
            // ...and fails when the server dies; the stack's supervisor starts it again on the same port and data.
            redis.kill();
        }

        await("the failed write is retried").atMost(Duration.ofSeconds(30))
                .until(() -> transientFailures() > transientFailuresBefore);
        awaitVisible(carol, alice, Duration.ofSeconds(60));
        given().get("/q/health/live").then().statusCode(200);
        assertThat(deadLetters()).as("nothing of the outage is dead-lettered").isEqualTo(deadLettersBefore);
    }

    private static ConversationCreated room(UUID owner, UUID member) {
        return new ConversationCreated(UUID.randomUUID(), 1, Instant.now(), owner, ConversationKind.GROUP, "Room",
                null, false, List.of(new ConversationCreated.Member(owner, MemberRole.OWNER),
                new ConversationCreated.Member(member, MemberRole.MEMBER)));
    }

    /** {@code /api/presence/{user}} answers only someone who shares a conversation with the user. */
    private static void awaitVisible(UUID viewer, UUID user, Duration within) {
        await().atMost(within).ignoreExceptions().until(() -> given().auth()
                .oauth2(TestTokenIssuer.tokenFor(viewer, "u" + viewer.toString().substring(0, 8)))
                .get("/api/presence/" + user).statusCode() == 200);
    }

    private double transientFailures() {
        var counter = metrics.find("chatsuite.consumer.retries").tag("channel", MembershipListener.CHANNEL)
                .tag("kind", "transient").counter();
        return counter == null ? 0 : counter.count();
    }

    /**
     * What this service's consumers have taken from Kafka, by the clients' own counts (nothing but this test publishes
     * meanwhile). The per-client figures, not the per-topic ones, which are registered only a while after a topic's
     * first fetch.
     */
    private double recordsConsumed() {
        return metrics.find("kafka.consumer.fetch.manager.records.consumed.total").functionCounters().stream()
                .filter(counter -> counter.getId().getTag("topic") == null)
                .mapToDouble(FunctionCounter::count).sum();
    }

    private double deadLetters() {
        var counter = metrics.find("chatsuite.dead.letters").tag("channel", MembershipListener.CHANNEL).counter();
        return counter == null ? 0 : counter.count();
    }
}
