package io.chatsuite.chat;

import io.chatsuite.devstack.testing.LocalStackTestResource;
import io.chatsuite.devstack.testing.ServiceChecks;
import io.chatsuite.devstack.testing.TestTokenIssuer;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(LocalStackTestResource.class)
// Not needed here, but the same resources as the module's other classes: one application for them all, no restart.
@WithTestResource(TestTokenIssuer.class)
class ChatServiceReadinessTests {

    @Inject
    DataSource dataSource;

    @Test
    void isReadyOnlyWithItsRealDependenciesReachable() {
        ServiceChecks.assertReadyWith(
                ServiceChecks.REACTIVE_POSTGRES,
                ServiceChecks.JDBC_POSTGRES,
                ServiceChecks.REDIS,
                ServiceChecks.KAFKA,
                ServiceChecks.SESSION_REVOCATIONS);
    }

    @Test
    void servesItsApiDocumentAndMetrics() {
        ServiceChecks.assertServesApiDocsAndMetrics("chat-service");
    }

    @Test
    void appliesItsOwnMigrations() throws Exception {
        ServiceChecks.assertFullyMigrated(dataSource);
    }
}
