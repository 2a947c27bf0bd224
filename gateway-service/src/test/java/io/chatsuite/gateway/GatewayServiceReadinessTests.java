package io.chatsuite.gateway;

import io.chatsuite.devstack.testing.LocalStackTestResource;
import io.chatsuite.devstack.testing.ServiceChecks;
import io.chatsuite.devstack.testing.TestTokenIssuer;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

@QuarkusTest
// The same resources as the other gateway tests, so Quarkus runs them all in one application, without a restart.
@WithTestResource(LocalStackTestResource.class)
@WithTestResource(TestTokenIssuer.class)
class GatewayServiceReadinessTests {

    @Test
    void isReadyOnlyWithItsRealDependenciesReachable() {
        ServiceChecks.assertReadyWith(ServiceChecks.REDIS, ServiceChecks.KAFKA, ServiceChecks.SESSION_REVOCATIONS);
    }

    @Test
    void servesItsApiDocumentAndMetrics() {
        ServiceChecks.assertServesApiDocsAndMetrics("gateway-service");
    }
}
