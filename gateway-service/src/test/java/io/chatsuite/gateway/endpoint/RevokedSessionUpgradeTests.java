package io.chatsuite.gateway.endpoint;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.chatsuite.devstack.testing.LocalStackTestResource;
import io.chatsuite.devstack.testing.RevokedBeforeStart;
import io.chatsuite.devstack.testing.SessionRevocations;
import io.chatsuite.devstack.testing.TestTokenIssuer;
import io.chatsuite.gateway.TestSocket;
import io.chatsuite.gateway.session.CloseCodes;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.Vertx;
import io.vertx.core.http.UpgradeRejectedException;
import jakarta.inject.Inject;
import java.net.URI;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * A revoked session opens no socket and keeps none (issues 17 and 21): its upgrades are refused with 401 within a
 * second of the revocation, even one published before this node started, and its open sockets close with 4001.
 */
@QuarkusTest
@WithTestResource(LocalStackTestResource.class)
@WithTestResource(TestTokenIssuer.class)
// Global: every test class of the module starts after the revocation, so this class shares their application
// instead of restarting it for a resource set of its own.
@WithTestResource(value = RevokedBeforeStart.class, scope = TestResourceScope.GLOBAL)
class RevokedSessionUpgradeTests {

    @TestHTTPResource("/")
    URI base;

    @Inject
    Vertx vertx;

    @Test
    void aSessionRevokedBeforeTheNodeStartedCannotUpgradeOnceTheNodeIsReady() throws Exception {
        await().atMost(Duration.ofSeconds(60)).until(() -> given().get("/q/health/ready").statusCode() == 200);

        assertThat(upgradeStatus(SessionRevocations.tokenFor(RevokedBeforeStart.USER, RevokedBeforeStart.SESSION)))
                .isEqualTo(401);
        try (TestSocket other = TestSocket.withToken(vertx, base,
                SessionRevocations.tokenFor(RevokedBeforeStart.USER, UUID.randomUUID()))) {
            assertThat(other.isOpen()).isTrue();
        }
    }

    @Test
    void aRevokedSessionsSocketsCloseWith4001AndItsUpgradesAreRefusedWithinASecond() throws Exception {
        UUID user = UUID.randomUUID();
        UUID session = UUID.randomUUID();
        String revokedToken = SessionRevocations.tokenFor(user, session);
        String otherToken = SessionRevocations.tokenFor(user, UUID.randomUUID());
        try (TestSocket revoked = TestSocket.withToken(vertx, base, revokedToken);
             TestSocket other = TestSocket.withToken(vertx, base, otherToken)) {
            SessionRevocations.revoke(user, session);
            long revokedAt = System.nanoTime();

            await().atMost(SessionRevocations.REFUSAL_BOUND).until(() -> !revoked.isOpen());
            assertThat(revoked.awaitClosed()).isEqualTo((short) CloseCodes.SESSION_REVOKED);
            await().atMost(SessionRevocations.REFUSAL_BOUND.minusNanos(System.nanoTime() - revokedAt))
                    .until(() -> upgradeStatus(revokedToken) == 401);
            assertThat(other.isOpen()).isTrue();
            try (TestSocket again = TestSocket.withToken(vertx, base, otherToken)) {
                assertThat(again.isOpen()).isTrue();
            }
        }
    }

    /** The upgrade's HTTP status: 101 if it opened (the socket is closed again at once), else the refusal's. */
    private int upgradeStatus(String token) throws Exception {
        try (TestSocket opened = TestSocket.withToken(vertx, base, token)) {
            return 101;
        } catch (java.util.concurrent.ExecutionException e) {
            if (e.getCause() instanceof UpgradeRejectedException rejected) {
                return rejected.getStatus();
            }
            throw e;
        }
    }
}
