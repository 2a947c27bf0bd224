package io.chatsuite.presence.listener;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.chatsuite.contracts.Topic;
import io.chatsuite.contracts.chat.ConversationCreated;
import io.chatsuite.contracts.chat.ConversationKind;
import io.chatsuite.contracts.chat.MemberRole;
import io.chatsuite.contracts.user.FriendshipChanged;
import io.chatsuite.devstack.testing.LocalStackTestResource;
import io.chatsuite.devstack.testing.TestTokenIssuer;
import io.chatsuite.presence.testing.TestSignals;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Issue 17: a record the visibility graph can never read must not stop it. It is dead-lettered and counted, the
 * records after it (same key, so same partition, read after it) still apply, and the service stays ready.
 */
@QuarkusTest
@WithTestResource(LocalStackTestResource.class)
@WithTestResource(TestTokenIssuer.class)
class PoisonRecordTests {

    @Inject
    TestSignals signals;

    @Inject
    MeterRegistry metrics;

    @Test
    void unreadableRecordsAreDeadLetteredAndTheGraphGoesOn() {
        UUID alice = UUID.randomUUID();
        UUID bob = UUID.randomUUID();
        UUID carol = UUID.randomUUID();
        UUID conversation = UUID.randomUUID();
        double friendsBefore = deadLetters(UserEventListener.CHANNEL);
        double membersBefore = deadLetters(MembershipListener.CHANNEL);

        signals.raw(Topic.USER_EVENTS, alice.toString(), "{\"type\":\"user.friendship-changed\",");
        signals.event(new FriendshipChanged(alice, bob, FriendshipChanged.FriendshipState.FRIENDS, Instant.now()));
        signals.raw(Topic.CHAT_EVENTS, conversation.toString(), "not json");
        signals.event(new ConversationCreated(conversation, 1, Instant.now(), alice, ConversationKind.GROUP, "Room",
                null, false, List.of(new ConversationCreated.Member(alice, MemberRole.OWNER),
                new ConversationCreated.Member(carol, MemberRole.MEMBER))));

        awaitVisible(bob, alice);
        awaitVisible(carol, alice);
        assertThat(deadLetters(UserEventListener.CHANNEL) - friendsBefore).isEqualTo(1);
        assertThat(deadLetters(MembershipListener.CHANNEL) - membersBefore).isEqualTo(1);
        given().get("/q/health/ready").then().statusCode(200);
    }

    private double deadLetters(String channel) {
        Counter counter = metrics.find("chatsuite.dead.letters").tag("channel", channel).counter();
        return counter == null ? 0 : counter.count();
    }

    private static void awaitVisible(UUID viewer, UUID user) {
        // The first test also waits for the consumers' first assignment.
        await().atMost(Duration.ofSeconds(90)).until(() -> given().auth()
                .oauth2(TestTokenIssuer.tokenFor(viewer, "u" + viewer.toString().substring(0, 8)))
                .get("/api/presence/" + user).statusCode() == 200);
    }
}
