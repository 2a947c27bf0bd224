package io.chatsuite.gateway.endpoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.chatsuite.devstack.testing.LocalStackTestResource;
import io.chatsuite.devstack.testing.TestTokenIssuer;
import io.chatsuite.gateway.TestSocket;
import io.netty.util.concurrent.EventExecutor;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.Vertx;
import jakarta.inject.Inject;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/**
 * A saturated node must push back, not punish: a client pacing itself below the per-user limit is answered
 * {@code unavailable} while the node is behind, never {@code rate_limited}, and never closed as abusive.
 */
@QuarkusTest
@WithTestResource(LocalStackTestResource.class)
@WithTestResource(TestTokenIssuer.class)
class OverloadPushbackTests {

    private static final int FRAMES = 144;
    private static final Duration STALL = Duration.ofSeconds(8);
    // Quarkus's worker pool holds at most 200 threads by default (8 per core below 25 cores).
    private static final int WORKERS = 200;

    @TestHTTPResource("/")
    URI base;

    @Inject
    Vertx gateway;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @Test
    void aPacedClientGetsUnavailableWhileTheNodeStallsAndIsNeitherRateLimitedNorClosed() throws Exception {
        // The client runs on its own Vert.x, so it keeps its pace while the gateway's threads are stalled.
        Vertx client = Vertx.vertx();
        UUID conversation = UUID.randomUUID();
        try (TestSocket socket = TestSocket.withToken(client, base, TestTokenIssuer.tokenFor(UUID.randomUUID(), "p"))) {
            socket.send("{\"type\":\"ping\",\"id\":\"warm\"}");
            socket.awaitFrameWithId("warm");

            stallTheNode();
            // 18 commands a second, below the documented 20: the node reads them late, all at once.
            AtomicInteger sent = new AtomicInteger();
            client.setPeriodic(1000 / 18, timer -> {
                int n = sent.getAndIncrement();
                if (n >= FRAMES) {
                    client.cancelTimer(timer);
                    return;
                }
                socket.send(send("paced-" + n, conversation));
            });
            await().atMost(Duration.ofSeconds(30)).until(() -> sent.get() >= FRAMES);
            socket.send("{\"type\":\"ping\",\"id\":\"after\"}");
            socket.awaitFrameWithId("after");

            List<JsonNode> frames = socket.frames();
            assertThat(frames).noneMatch(f -> f.path("code").asText().equals("rate_limited"));
            assertThat(frames).as("the node said it was busy")
                    .anyMatch(f -> f.path("code").asText().equals("unavailable"));
            assertThat(socket.isOpen()).isTrue();

            // Once the node has caught up, the refused command goes through when retried with the same id.
            String refused = frames.stream().filter(f -> f.path("code").asText().equals("unavailable"))
                    .map(f -> f.path("id").asText()).filter(id -> id.startsWith("paced-")).findFirst().orElseThrow();
            AtomicInteger probes = new AtomicInteger();
            await("the node caught up").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                    .until(() -> {
                        String id = "probe-" + probes.incrementAndGet();
                        socket.send("{\"type\":\"ping\",\"id\":\"" + id + "\"}");
                        return socket.awaitFrameWithId(id).path("type").asText().equals("pong");
                    });
            try (KafkaConsumer<String, String> commands = consumer()) {
                socket.send(send(refused, conversation));
                await().atMost(Duration.ofSeconds(30)).until(() -> {
                    for (ConsumerRecord<String, String> record : commands.poll(Duration.ofMillis(200))) {
                        if (record.key().equals(conversation.toString())
                                && record.value().contains("\"" + refused + "\"")) {
                            return true;
                        }
                    }
                    return false;
                });
            }
            assertThat(socket.frames()).noneMatch(f -> f.path("code").asText().equals("rate_limited"));
            assertThat(socket.isOpen()).isTrue();
        } finally {
            client.close().toCompletionStage().toCompletableFuture().join();
        }
    }

    /**
     * What a saturated machine does to the node: for a few seconds none of its event loops runs, and every worker
     * thread, where client frames are handled, is busy.
     */
    private void stallTheNode() {
        for (int i = 0; i < WORKERS; i++) {
            gateway.executeBlocking(() -> {
                // The stall itself, not a wait for something.
                Thread.sleep(STALL.toMillis());
                return null;
            }, false);
        }
        for (EventExecutor loop : gateway.nettyEventLoopGroup()) {
            loop.execute(() -> {
                try {
                    // The stall itself, not a wait for something.
                    Thread.sleep(STALL.toMillis());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
        }
    }

    private static String send(String id, UUID conversation) {
        return "{\"type\":\"send\",\"id\":\"" + id + "\",\"conversationId\":\"" + conversation + "\",\"body\":\"hi\"}";
    }

    private KafkaConsumer<String, String> consumer() {
        Properties config = new Properties();
        config.put("bootstrap.servers", bootstrap);
        config.put("group.id", "overload-test-" + UUID.randomUUID());
        config.put("auto.offset.reset", "earliest");
        KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config, new StringDeserializer(),
                new StringDeserializer());
        consumer.subscribe(List.of("chat.commands"));
        return consumer;
    }
}
