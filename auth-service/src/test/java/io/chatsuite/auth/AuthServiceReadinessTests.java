package io.chatsuite.auth;

import io.chatsuite.devstack.testing.LocalStackTestResource;
import io.chatsuite.devstack.testing.ServiceChecks;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(LocalStackTestResource.class)
class AuthServiceReadinessTests {

    @Inject
    DataSource dataSource;

    @Test
    void isReadyOnlyWithItsRealDependenciesReachable() {
        ServiceChecks.assertReadyWith(
                ServiceChecks.REACTIVE_POSTGRES,
                ServiceChecks.JDBC_POSTGRES,
                ServiceChecks.KAFKA,
                "Signing keys");
    }

    @Test
    void servesItsApiDocumentAndMetrics() {
        ServiceChecks.assertServesApiDocsAndMetrics("auth-service");
    }

    @Test
    void appliesItsOwnMigrations() throws Exception {
        ServiceChecks.assertMigratedTo(dataSource, 1);
    }
}
