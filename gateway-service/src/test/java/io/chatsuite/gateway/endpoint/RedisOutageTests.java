package io.chatsuite.gateway.endpoint;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.chatsuite.devstack.testing.LocalStackTestResource;
import io.chatsuite.devstack.testing.TestTokenIssuer;
import io.chatsuite.gateway.TestSocket;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.Vertx;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Issue 20: acks travel through Redis, so while this node cannot hear Redis a command is answered {@code unavailable}
 * (the client retries with the same id) instead of going unanswered, and the node is not ready; both come back with
 * Redis, which the local stack restarts by itself.
 */
@QuarkusTest
@WithTestResource(LocalStackTestResource.class)
@WithTestResource(TestTokenIssuer.class)
class RedisOutageTests {

    @TestHTTPResource("/")
    URI base;

    @Inject
    Vertx vertx;

    @Test
    void whileRedisIsAwayCommandsAreAnsweredUnavailableAndTheNodeIsNotReady() throws Exception {
        String conversation = UUID.randomUUID().toString();
        try (TestSocket socket = TestSocket.withToken(vertx, base, TestTokenIssuer.tokenFor(UUID.randomUUID(), "r"))) {
            given().get("/q/health/ready").then().statusCode(200);
            killRedis();

            AtomicInteger sent = new AtomicInteger();
            AtomicBoolean seenNotReady = new AtomicBoolean();
            // Redis is back within seconds: keep sending until one command lands in the outage.
            await("a command answered unavailable, and readiness DOWN, while Redis is away")
                    .atMost(Duration.ofSeconds(20))
                    .pollInterval(Duration.ofMillis(50)).until(() -> {
                        socket.send(send("during-" + sent.incrementAndGet(), conversation));
                        if (given().get("/q/health/ready").statusCode() == 503) {
                            seenNotReady.set(true);
                        }
                        return seenNotReady.get() && socket.frames().stream()
                                .anyMatch(frame -> "unavailable".equals(frame.path("code").asText())
                                        && frame.path("id").asText().startsWith("during-"));
                    });
            assertThat(socket.isOpen()).isTrue();

            await("ready again once Redis is back").atMost(Duration.ofMinutes(1))
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

    /** SIGKILL of this test JVM's redis-server; it rewrites its command line, so only its name identifies it. */
    private static void killRedis() {
        ProcessHandle redis = ProcessHandle.current().descendants()
                .filter(process -> commandLine(process).contains("redis-server"))
                .findFirst().orElseThrow(() -> new AssertionError("no redis-server runs under this test JVM"));
        redis.destroyForcibly();
    }

    private static String commandLine(ProcessHandle process) {
        try {
            return Files.readString(Path.of("/proc", Long.toString(process.pid()), "cmdline")).replace('\0', ' ');
        } catch (IOException gone) {
            return "";
        }
    }
}
