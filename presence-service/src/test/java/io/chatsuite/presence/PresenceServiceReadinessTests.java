package io.chatsuite.presence;

import io.chatsuite.devstack.testing.LocalStackTestResource;
import io.chatsuite.devstack.testing.ServiceChecks;
import io.chatsuite.devstack.testing.TestTokenIssuer;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(LocalStackTestResource.class)
// Not needed here, but the same resources as the module's other classes: one application for them all, no restart.
@WithTestResource(TestTokenIssuer.class)
class PresenceServiceReadinessTests {

    @Test
    void isReadyOnlyWithItsRealDependenciesReachable() {
        ServiceChecks.assertReadyWith(ServiceChecks.REDIS, ServiceChecks.KAFKA, ServiceChecks.SESSION_REVOCATIONS);
    }

    @Test
    void servesItsApiDocumentAndMetrics() {
        ServiceChecks.assertServesApiDocsAndMetrics("presence-service");
    }
}
