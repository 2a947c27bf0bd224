package io.chatsuite.gateway.tracing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.chatsuite.contracts.protocol.ServerFrame;
import io.chatsuite.contracts.protocol.TracedFrame;
import io.chatsuite.devstack.testing.LocalStackTestResource;
import io.chatsuite.devstack.testing.TestTokenIssuer;
import io.chatsuite.gateway.TestSocket;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.vertx.core.Vertx;
import jakarta.inject.Inject;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/** The gateway's part of a message's trace: command span to the Kafka headers, Redis envelope to the delivery span. */
@QuarkusTest
@TestProfile(RecordedSpans.TracingOn.class)
@WithTestResource(LocalStackTestResource.class)
@WithTestResource(TestTokenIssuer.class)
class MessageTracingTests {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TestHTTPResource("/")
    URI base;

    @Inject
    Vertx vertx;

    @Inject
    RedisDataSource redis;

    @Inject
    InMemorySpanExporter spans;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @Test
    void aSentMessageGoesToKafkaWithTheContextOfItsCommandSpan() throws Exception {
        UUID user = UUID.randomUUID();
        UUID conversation = UUID.randomUUID();
        String clientId = "traced-" + UUID.randomUUID();
        try (KafkaConsumer<String, String> commands = consumer("chat.commands");
             TestSocket socket = TestSocket.withToken(vertx, base, TestTokenIssuer.tokenFor(user, "tracer"))) {
            socket.send("{\"id\":\"" + clientId + "\",\"type\":\"send\",\"conversationId\":\"" + conversation
                    + "\",\"body\":\"a private body\"}");

            String traceparent = awaitTraceparent(commands, conversation.toString());
            SpanData command = awaitSpan(span -> span.getName().equals("chat.command send")
                    && clientId.equals(span.getAttributes().get(AttributeKey.stringKey(MessageSpans.CLIENT_ID))));

            assertThat(traceIdOf(traceparent)).isEqualTo(command.getTraceId());
            assertThat(command.getParentSpanContext().isValid()).as("each command starts its own trace").isFalse();
            // The record's parent is the connector's producer span, itself the child of the command span.
            SpanData producer = awaitSpan(span -> span.getSpanId().equals(parentIdOf(traceparent)));
            assertThat(producer.getParentSpanId()).isEqualTo(command.getSpanId());
            assertThat(command.getAttributes().get(AttributeKey.stringKey(MessageSpans.COMMAND_TYPE))).isEqualTo("send");
            assertThat(command.getAttributes().get(AttributeKey.stringKey(MessageSpans.USER_ID)))
                    .isEqualTo(user.toString());
            assertThat(command.getAttributes().asMap().values()).map(String::valueOf)
                    .noneMatch(value -> value.contains("a private body") || value.startsWith("ey"));
        }
    }

    @Test
    void aFrameWithATraceIsDeliveredInThatTraceAndReachesTheClientWithoutItsEnvelope() throws Exception {
        UUID user = UUID.randomUUID();
        String channel = ServerFrame.channelOf(user);
        String traceId = UUID.randomUUID().toString().replace("-", "");
        String parentId = "00f067aa0ba902b7";
        String bare = "{\"type\":\"ack\",\"id\":\"bare\"}";
        String traced = "{\"type\":\"ack\",\"id\":\"traced\",\"seq\":7}";
        try (TestSocket socket = TestSocket.withToken(vertx, base, TestTokenIssuer.tokenFor(user, "reader"))) {
            await().until(() -> redis.execute("PUBSUB", "NUMSUB", channel).get(1).toLong() == 1);

            redis.pubsub(String.class).publish(channel, bare);
            redis.pubsub(String.class).publish(channel,
                    TracedFrame.wrap("00-" + traceId + "-" + parentId + "-01", traced));

            assertThat(socket.awaitFrameWithId("traced")).isEqualTo(JSON.readTree(traced));
            assertThat(socket.awaitFrameWithId("bare")).isEqualTo(JSON.readTree(bare));
            SpanData delivery = awaitSpan(span -> span.getName().equals("chat.deliver")
                    && span.getTraceId().equals(traceId));
            assertThat(delivery.getParentSpanId()).isEqualTo(parentId);
            assertThat(delivery.getAttributes().get(AttributeKey.stringKey(MessageSpans.USER_ID)))
                    .isEqualTo(user.toString());
            assertThat(delivery.getAttributes().get(AttributeKey.longKey(MessageSpans.SOCKETS))).isEqualTo(1L);
            // The bare frame (nothing to continue) made no span of its own.
            assertThat(spans.getFinishedSpanItems()).filteredOn(span -> span.getName().equals("chat.deliver")
                    && user.toString().equals(span.getAttributes().get(AttributeKey.stringKey(MessageSpans.USER_ID))))
                    .hasSize(1);
        }
    }

    private SpanData awaitSpan(java.util.function.Predicate<SpanData> wanted) {
        AtomicReference<SpanData> found = new AtomicReference<>();
        await().atMost(Duration.ofSeconds(20)).until(() -> {
            Optional<SpanData> span = spans.getFinishedSpanItems().stream().filter(wanted).findFirst();
            span.ifPresent(found::set);
            return span.isPresent();
        });
        return found.get();
    }

    private static String awaitTraceparent(KafkaConsumer<String, String> consumer, String key) {
        AtomicReference<String> found = new AtomicReference<>();
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                Header header = record.headers().lastHeader("traceparent");
                if (key.equals(record.key())) {
                    assertThat(header).as("the command record's traceparent header").isNotNull();
                    found.set(new String(header.value(), StandardCharsets.UTF_8));
                }
            }
            return found.get() != null;
        });
        return found.get();
    }

    private static String traceIdOf(String traceparent) {
        return traceparent.split("-")[1];
    }

    private static String parentIdOf(String traceparent) {
        return traceparent.split("-")[2];
    }

    private KafkaConsumer<String, String> consumer(String topic) {
        Properties config = new Properties();
        config.put("bootstrap.servers", bootstrap);
        config.put("group.id", "gateway-tracing-test-" + UUID.randomUUID());
        config.put("auto.offset.reset", "earliest");
        KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config, new StringDeserializer(),
                new StringDeserializer());
        consumer.subscribe(List.of(topic));
        return consumer;
    }
}
