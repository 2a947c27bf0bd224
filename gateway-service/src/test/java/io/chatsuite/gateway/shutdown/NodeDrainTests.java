package io.chatsuite.gateway.shutdown;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.chatsuite.devstack.testing.LocalStackTestResource;
import io.chatsuite.devstack.testing.TestTokenIssuer;
import io.chatsuite.gateway.TestSocket;
import io.chatsuite.gateway.session.CloseCodes;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.vertx.core.Vertx;
import io.vertx.core.http.UpgradeRejectedException;
import jakarta.inject.Inject;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.Test;

/** The drain a SIGTERM starts, run directly (its own application instance: the node stays drained afterwards). */
@QuarkusTest
@TestProfile(NodeDrainTests.ShortWindow.class)
@WithTestResource(LocalStackTestResource.class)
@WithTestResource(TestTokenIssuer.class)
class NodeDrainTests {

    public static final class ShortWindow implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("gateway.drain.window", "2s", "gateway.drain.min-interval", "100ms");
        }
    }

    @TestHTTPResource("/")
    URI base;

    @Inject
    Vertx vertx;

    @Inject
    NodeDrain drain;

    @Test
    void turnsUnreadyRefusesUpgradesAndClosesSocketsWith1001SpreadOverTheWindow() throws Exception {
        List<TestSocket> sockets = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            sockets.add(TestSocket.withToken(vertx, base, TestTokenIssuer.tokenFor(UUID.randomUUID(), "user" + i)));
        }
        given().get("/q/health/ready").then().statusCode(200);

        long began = System.nanoTime();
        CompletableFuture<Void> draining = CompletableFuture.runAsync(drain::drain);

        await().atMost(Duration.ofSeconds(1)).untilAsserted(() ->
                given().get("/q/health/ready").then().statusCode(503));
        assertThatThrownBy(() -> TestSocket.withToken(vertx, base, TestTokenIssuer.tokenFor(UUID.randomUUID(), "late")))
                .isInstanceOf(ExecutionException.class)
                .cause().isInstanceOfSatisfying(UpgradeRejectedException.class,
                        refused -> assertThat(refused.getStatus()).isEqualTo(503));

        for (TestSocket socket : sockets) {
            assertThat(socket.awaitClosed()).isEqualTo((short) CloseCodes.GOING_AWAY);
        }
        draining.get();
        List<Long> closedAfterMillis = sockets.stream()
                .map(socket -> Duration.ofNanos(socket.closedAtNanos() - began).toMillis()).sorted().toList();
        // Four sockets in a 2 s window: one batch every 500 ms, not a stampede at once.
        assertThat(closedAfterMillis.get(3) - closedAfterMillis.get(0)).isBetween(1_000L, 2_500L);
        assertThat(Duration.ofNanos(System.nanoTime() - began)).isLessThan(Duration.ofSeconds(4));
    }
}
