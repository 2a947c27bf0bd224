package io.chatsuite.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.chatsuite.system.OtlpCollector.ReceivedSpan;
import io.chatsuite.system.SuiteApi.Account;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/**
 * One message's trace across real processes: the shared suite runs with tracing on, exporting OTLP/HTTP to the
 * collector the tests run (SharedSuite), and a message sent on node A to a user on node B must show as one trace from
 * the sender's command through chat-service to the delivery on node B.
 */
class TracingSystemTests extends TwoGatewaySuite {

    @Test
    void aMessageFromNodeAToAUserOnNodeBIsOneTrace() throws Exception {
        Account alice = api.register("alice");
        Account bob = api.register("bob");
        String direct = api.direct(alice, bob);
        try (ChatClient aliceOnA = ChatClient.connect(nodeA, alice.token());
             ChatClient bobOnB = ChatClient.connect(nodeB, bob.token())) {
            aliceOnA.sendMessage("traced-1", direct, "a traced hello");

            assertThat(aliceOnA.awaitReply("traced-1").path("type").asText()).isEqualTo("ack");
            await().atMost(Duration.ofSeconds(30)).until(() -> !bobOnB.events("message.created").isEmpty());
            JsonNode frame = bobOnB.frames("event").stream()
                    .filter(f -> f.path("event").path("type").asText().equals("message.created")).findFirst().orElseThrow();
            assertThat(frame.has("traceparent")).as("the client gets the frame without its trace envelope").isFalse();
            assertThat(frame.path("event").path("body").asText()).isEqualTo("a traced hello");
        }

        ReceivedSpan command = awaitSpan(span -> span.service().equals("gateway-service")
                && span.name().equals("chat.command send")
                && "traced-1".equals(span.attributes().get("chat.client_id"))
                && alice.id().equals(span.attributes().get("chat.user_id")));
        String trace = command.traceId();
        ReceivedSpan process = awaitSpan(span -> span.service().equals("chat-service")
                && span.name().equals("chat.process send") && span.traceId().equals(trace));
        assertThat(process.attributes()).containsEntry("chat.client_id", "traced-1");
        // Only node B holds a socket of bob's, so this delivery happened there, in the same trace.
        ReceivedSpan deliveryToBob = awaitSpan(span -> span.service().equals("gateway-service")
                && span.name().equals("chat.deliver") && bob.id().equals(span.attributes().get("chat.user_id"))
                && span.traceId().equals(trace));
        assertThat(deliveryToBob.parentSpanId()).isEqualTo(process.spanId());
        assertThat(deliveryToBob.attributes()).containsEntry("chat.sockets", "1");
        // The ack went back to alice on node A in the same trace, and history-service read the event in it too.
        awaitSpan(span -> span.name().equals("chat.deliver") && alice.id().equals(span.attributes().get("chat.user_id"))
                && span.traceId().equals(trace));
        awaitSpan(span -> span.service().equals("history-service") && span.traceId().equals(trace));
        assertThat(traces.spans()).filteredOn(span -> span.traceId().equals(trace))
                .allSatisfy(span -> assertThat(span.attributes().values()).noneMatch(v -> v.contains("a traced hello")));
    }

    private static ReceivedSpan awaitSpan(Predicate<ReceivedSpan> wanted) {
        await("a span exported to the collector").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250))
                .until(() -> traces.spans().stream().anyMatch(wanted));
        Optional<ReceivedSpan> span = traces.spans().stream().filter(wanted).findFirst();
        return span.orElseThrow();
    }
}
