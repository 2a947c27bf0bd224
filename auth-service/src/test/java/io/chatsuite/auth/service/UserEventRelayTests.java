package io.chatsuite.auth.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.chatsuite.auth.TestUsers;
import io.chatsuite.auth.TestUsers.TestUser;
import io.chatsuite.auth.UserEventsTopic;
import io.chatsuite.contracts.user.ProfileUpdated;
import io.chatsuite.contracts.user.UserRegistered;
import io.chatsuite.devstack.testing.LocalStackTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import javax.sql.DataSource;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(LocalStackTestResource.class)
class UserEventRelayTests {

    @Inject
    DataSource dataSource;

    @Inject
    ObjectMapper json;

    @Inject
    UserEventRelay relay;

    @Test
    void anEventLeavesTheOutboxOnlyOnceKafkaHasIt() throws SQLException {
        TestUser user = TestUsers.register();

        UserEventsTopic.awaitEvent(user.id(), UserRegistered.class, e -> true);

        await().atMost(Duration.ofSeconds(10)).until(() -> outboxRowsFor(user.id()) == 0);
    }

    @Test
    void eventsLeftWaitingInTheOutboxAreSentInOrderWithTheirKeyAndVersion() throws Exception {
        // As if Kafka had been down when these changes committed: the rows wait until a relay round takes them.
        UUID userId = UUID.randomUUID();
        Instant at = Instant.parse("2026-01-02T03:04:05Z");
        for (int i = 1; i <= 3; i++) {
            insertOutboxRow(userId, new ProfileUpdated(userId, "waiting", "Name " + i, null, at.plusSeconds(i)));
        }

        relay.relaySoon();

        await().atMost(Duration.ofSeconds(20)).until(() -> UserEventsTopic.recordsOf(userId).size() == 3);
        assertThat(UserEventsTopic.eventsOf(userId)).extracting(e -> ((ProfileUpdated) e).displayName())
                .containsExactly("Name 1", "Name 2", "Name 3");
        ConsumerRecord<String, String> first = UserEventsTopic.recordsOf(userId).get(0);
        assertThat(json.readTree(first.value()).get("type").asText()).isEqualTo("user.profile-updated");
        assertThat(json.readTree(first.value()).get("v").asInt()).isEqualTo(1);
        assertThat(outboxRowsFor(userId)).isZero();
    }

    private void insertOutboxRow(UUID key, Object event) throws Exception {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement insert = connection.prepareStatement(
                     "INSERT INTO outbox_events (event_key, payload, created_at) VALUES (?, ?, ?)")) {
            insert.setString(1, key.toString());
            insert.setString(2, json.writeValueAsString(event));
            insert.setTimestamp(3, Timestamp.from(Instant.now()));
            insert.executeUpdate();
        }
    }

    private long outboxRowsFor(UUID key) throws SQLException {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement count = connection.prepareStatement(
                     "SELECT count(*) FROM outbox_events WHERE event_key = ?")) {
            count.setString(1, key.toString());
            try (ResultSet result = count.executeQuery()) {
                result.next();
                return result.getLong(1);
            }
        }
    }
}
