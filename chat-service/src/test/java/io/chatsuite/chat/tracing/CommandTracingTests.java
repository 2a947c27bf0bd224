package io.chatsuite.chat.tracing;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.chatsuite.chat.ChatTestSupport;
import io.chatsuite.chat.ChatTestSupport.Frames;
import io.chatsuite.chat.ChatTestSupport.TestUser;
import io.chatsuite.contracts.chat.MessageFormat;
import io.chatsuite.contracts.chat.SendMessage;
import io.chatsuite.devstack.testing.LocalStackTestResource;
import io.chatsuite.devstack.testing.TestTokenIssuer;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/**
 * chat-service continues the trace a command record brings (even though commands are consumed in batches) and
 * hands it on: in the headers of its chat.events records and in the envelope of the frames it publishes to Redis.
 */
@QuarkusTest
@TestProfile(RecordedSpans.TracingOn.class)
@WithTestResource(LocalStackTestResource.class)
@WithTestResource(TestTokenIssuer.class)
class CommandTracingTests {

    @Inject
    ChatTestSupport chat;

    @Inject
    InMemorySpanExporter spans;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @Test
    void aCommandIsProcessedInItsRecordsTraceAndItsEventAndFramesCarryThatTrace() throws Exception {
        TestUser alice = chat.newUser("alice" + suffix());
        TestUser bob = chat.newUser("bob" + suffix());
        chat.awaitKnown(alice, bob);
        UUID room = UUID.fromString(given().auth().oauth2(alice.token()).contentType(ContentType.JSON)
                .body(Map.of("name", "Traced " + suffix(), "isPublic", false))
                .post("/api/rooms").then().statusCode(200).extract().path("conversation.id"));
        given().auth().oauth2(alice.token()).contentType(ContentType.JSON).body(Map.of("userId", bob.id()))
                .post("/api/rooms/" + room + "/members").then().statusCode(200);
        Frames aliceFrames = chat.listen(alice);
        Frames bobFrames = chat.listen(bob);
        String traceId = UUID.randomUUID().toString().replace("-", "");
        String gatewaySpanId = "a1b2c3d4e5f60718";
        String clientId = "traced-" + suffix();

        try (KafkaConsumer<String, String> events = consumer("chat.events")) {
            chat.send(new SendMessage(clientId, room, alice.id(), alice.session(), Instant.now(), "a private body",
                    MessageFormat.PLAIN, null, List.of()), "00-" + traceId + "-" + gatewaySpanId + "-01");

            // chat.process send: a child of the connector's consumer span, itself the child of the gateway's span.
            SpanData process = awaitSpan(span -> span.getName().equals("chat.process send")
                    && clientId.equals(span.getAttributes().get(AttributeKey.stringKey(ChatTracing.CLIENT_ID))));
            assertThat(process.getTraceId()).isEqualTo(traceId);
            SpanData consumer = awaitSpan(span -> span.getSpanId().equals(process.getParentSpanId()));
            assertThat(consumer.getParentSpanId()).isEqualTo(gatewaySpanId);
            assertThat(process.getAttributes().get(AttributeKey.stringKey(ChatTracing.USER_ID)))
                    .isEqualTo(alice.id().toString());
            assertThat(process.getAttributes().get(AttributeKey.stringKey(ChatTracing.CONVERSATION_ID)))
                    .isEqualTo(room.toString());
            assertThat(process.getAttributes().asMap().values()).map(String::valueOf)
                    .noneMatch(value -> value.contains("a private body"));

            // The ack to the sender and the event to every member are published in the process span's context.
            JsonNode ack = aliceFrames.awaitReply(clientId);
            assertThat(aliceFrames.traceparentOf(ack)).isEqualTo(traceparentOf(process));
            await().atMost(Duration.ofSeconds(10)).until(() -> eventFrame(bobFrames, clientId).isPresent());
            assertThat(bobFrames.traceparentOf(eventFrame(bobFrames, clientId).get()))
                    .isEqualTo(traceparentOf(process));

            // The chat.events record's producer span is the process span's child.
            String recordTraceparent = awaitTraceparent(events, room.toString(), clientId);
            assertThat(recordTraceparent.split("-")[1]).isEqualTo(traceId);
            SpanData producer = awaitSpan(span -> span.getSpanId().equals(recordTraceparent.split("-")[2]));
            assertThat(producer.getParentSpanId()).isEqualTo(process.getSpanId());
        }
    }

    private static Optional<JsonNode> eventFrame(Frames frames, String clientId) {
        return frames.ofType("event").stream()
                .filter(frame -> frame.path("event").path("type").asText().equals("message.created")
                        && clientId.equals(frame.path("event").path("clientId").asText(null)))
                .findFirst();
    }

    private static String traceparentOf(SpanData span) {
        return "00-" + span.getTraceId() + "-" + span.getSpanId() + "-01";
    }

    private SpanData awaitSpan(Predicate<SpanData> wanted) {
        AtomicReference<SpanData> found = new AtomicReference<>();
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            Optional<SpanData> span = spans.getFinishedSpanItems().stream().filter(wanted).findFirst();
            span.ifPresent(found::set);
            return span.isPresent();
        });
        return found.get();
    }

    private static String awaitTraceparent(KafkaConsumer<String, String> consumer, String key, String text) {
        AtomicReference<String> found = new AtomicReference<>();
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                if (key.equals(record.key()) && record.value().contains(text)) {
                    Header header = record.headers().lastHeader("traceparent");
                    assertThat(header).as("the event record's traceparent header").isNotNull();
                    found.set(new String(header.value(), StandardCharsets.UTF_8));
                }
            }
            return found.get() != null;
        });
        return found.get();
    }

    private KafkaConsumer<String, String> consumer(String topic) {
        Properties config = new Properties();
        config.put("bootstrap.servers", bootstrap);
        config.put("group.id", "chat-tracing-test-" + UUID.randomUUID());
        config.put("auto.offset.reset", "earliest");
        KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config, new StringDeserializer(),
                new StringDeserializer());
        consumer.subscribe(List.of(topic));
        return consumer;
    }

    private static String suffix() {
        return UUID.randomUUID().toString().substring(0, 8);
    }
}
