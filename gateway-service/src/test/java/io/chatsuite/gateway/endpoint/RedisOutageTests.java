package io.chatsuite.gateway.endpoint;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.chatsuite.devstack.testing.LocalStackTestResource;
import io.chatsuite.devstack.testing.RedisProcess;
import io.chatsuite.devstack.testing.TestTokenIssuer;
import io.chatsuite.gateway.TestSocket;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.Vertx;
import jakarta.inject.Inject;
import java.net.URI;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/**
 * Issue 20 item 3: acks travel through Redis, so while this node cannot hear Redis a command is answered
 * {@code unavailable} (the client retries with the same id) instead of going unanswered, and the node is not ready;
 * both come back with Redis.
 *
 * <p>Redis is frozen (SIGSTOP), not killed: a hung or unreachable Redis closes no connection, so only the
 * subscription's heartbeat can notice it, and the outage lasts exactly as long as the test says. A killed Redis is
 * seen at once (its connection closes) but the local stack restarts it within about a second, too short a window to
 * observe reliably; InfrastructureRestartSystemTests covers that kill end to end.
 */
@QuarkusTest
@WithTestResource(LocalStackTestResource.class)
@WithTestResource(TestTokenIssuer.class)
class RedisOutageTests {

    @TestHTTPResource("/")
    URI base;

    @Inject
    Vertx vertx;

    @ConfigProperty(name = "quarkus.redis.hosts")
    String redisUrl;

    @Test
    void whileRedisDoesNotAnswerCommandsAreAnsweredUnavailableAndTheNodeIsNotReady() throws Exception {
        String conversation = UUID.randomUUID().toString();
        try (TestSocket socket = TestSocket.withToken(vertx, base, TestTokenIssuer.tokenFor(UUID.randomUUID(), "r"))) {
            await("ready before the outage").atMost(Duration.ofMinutes(1))
                    .until(() -> given().get("/q/health/ready").statusCode() == 200);
            RedisProcess redis = RedisProcess.listeningOn(redisUrl);
            redis.freeze();
            try {
                AtomicInteger sent = new AtomicInteger();
                // Two commands a second, far below the per-user limit: the answer is about Redis, not the rate.
                await("a command answered unavailable, with its id, while Redis does not answer")
                        .atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500)).until(() -> {
                            socket.send(send("during-" + sent.incrementAndGet(), conversation));
                            return socket.frames().stream()
                                    .anyMatch(frame -> "unavailable".equals(frame.path("code").asText())
                                            && frame.path("id").asText().startsWith("during-"));
                        });
                await("not ready while Redis does not answer").atMost(Duration.ofSeconds(30))
                        .until(() -> given().get("/q/health/ready").statusCode() == 503);
                assertThat(socket.isOpen()).as("the socket stays open through the outage").isTrue();
            } finally {
                redis.thaw();
            }

            await("ready again once Redis answers").atMost(Duration.ofMinutes(1))
                    .until(() -> given().get("/q/health/ready").statusCode() == 200);
            socket.send(send("after", conversation));
            await("a command after the outage is taken, not refused").during(Duration.ofSeconds(2))
                    .atMost(Duration.ofSeconds(3))
                    .until(() -> socket.frames().stream()
                            .noneMatch(frame -> "after".equals(frame.path("id").asText())));
        }
    }

    private static String send(String id, String conversation) {
        return "{\"id\":\"" + id + "\",\"type\":\"send\",\"conversationId\":\"" + conversation
                + "\",\"body\":\"are you there?\"}";
    }
}
