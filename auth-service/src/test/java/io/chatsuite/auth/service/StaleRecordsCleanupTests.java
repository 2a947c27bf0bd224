package io.chatsuite.auth.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.chatsuite.auth.TestUsers;
import io.chatsuite.auth.TestUsers.TestUser;
import io.chatsuite.devstack.testing.LocalStackTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(LocalStackTestResource.class)
class StaleRecordsCleanupTests {

    @Inject
    DataSource dataSource;

    @Inject
    StaleRecordsCleanup cleanup;

    @Test
    void forgetsOldThrottleHitsAndLongEndedSessionsOnly() throws SQLException {
        String subject = "cleanup-" + UUID.randomUUID();
        execute("INSERT INTO throttle_hits (bucket, subject, hit_at) VALUES ('test', ?, now() - interval '2 days')",
                subject);
        execute("INSERT INTO throttle_hits (bucket, subject, hit_at) VALUES ('test', ?, now())", subject);
        TestUser ended = TestUsers.register();
        TestUser active = TestUsers.register();
        execute("UPDATE sessions SET revoked_at = now() - interval '2 days' WHERE user_id = ?::uuid",
                ended.id().toString());

        cleanup.run().await().atMost(Duration.ofSeconds(10));

        assertThat(count("SELECT count(*) FROM throttle_hits WHERE subject = ?", subject)).isEqualTo(1);
        assertThat(count("SELECT count(*) FROM sessions WHERE user_id = ?::uuid", ended.id().toString())).isZero();
        assertThat(count("SELECT count(*) FROM sessions WHERE user_id = ?::uuid", active.id().toString())).isOne();
    }

    private void execute(String sql, String parameter) throws SQLException {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setString(1, parameter);
            statement.executeUpdate();
        }
    }

    private long count(String sql, String parameter) throws SQLException {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setString(1, parameter);
            try (ResultSet result = statement.executeQuery()) {
                result.next();
                return result.getLong(1);
            }
        }
    }
}
