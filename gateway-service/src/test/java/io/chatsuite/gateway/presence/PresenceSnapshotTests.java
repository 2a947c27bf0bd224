package io.chatsuite.gateway.presence;

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
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/** Issue 16 item 5: a presence snapshot in progress does not make socket opens wait. */
@QuarkusTest
@WithTestResource(LocalStackTestResource.class)
@WithTestResource(TestTokenIssuer.class)
class PresenceSnapshotTests {

    @TestHTTPResource("/")
    URI base;

    @Inject
    Vertx vertx;

    @Inject
    PresenceReporter presence;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @Test
    void aSocketOpensAndIsAnsweredWhileASnapshotIsStillBeingHandedAndItsOpenSignalFollows() throws Exception {
        CountDownLatch snapshotting = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        // A snapshot that takes as long as the test wants: listed and handed, then held before it is done.
        presence.inOrder(() -> {
            presence.snapshot();
            snapshotting.countDown();
            try {
                release.await(60, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        UUID user = UUID.randomUUID();
        try (KafkaConsumer<String, String> signals = consumer()) {
            assertThat(snapshotting.await(30, TimeUnit.SECONDS)).isTrue();
            try (TestSocket socket = TestSocket.withToken(vertx, base, TestTokenIssuer.tokenFor(user, "opens"))) {
                // Opened, subscribed and answering while the snapshot is still under way.
                socket.send("{\"type\":\"ping\",\"id\":\"during-snapshot\"}");
                assertThat(socket.awaitFrameWithId("during-snapshot").path("type").asText()).isEqualTo("pong");
                assertThat(release.getCount()).as("the snapshot was still under way").isEqualTo(1);
            } finally {
                release.countDown();
            }
            // Nothing was lost while the snapshot held the line: the open and close are reported after it.
            List<String> mine = new ArrayList<>();
            String node = presence.nodeId().toString();
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                for (ConsumerRecord<String, String> record : signals.poll(Duration.ofMillis(200))) {
                    if (node.equals(record.key()) && record.value().contains(user.toString())) {
                        mine.add(record.value());
                    }
                }
                return mine.size() >= 2;
            });
            assertThat(mine.get(0)).contains("socket.opened");
            assertThat(mine.get(1)).contains("socket.closed");
        }
    }

    private KafkaConsumer<String, String> consumer() {
        Properties config = new Properties();
        config.put("bootstrap.servers", bootstrap);
        config.put("group.id", "gateway-test-" + UUID.randomUUID());
        config.put("auto.offset.reset", "earliest");
        KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config, new StringDeserializer(),
                new StringDeserializer());
        consumer.subscribe(List.of("presence.signals"));
        return consumer;
    }
}
