package io.chatsuite.gateway.metrics;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.chatsuite.contracts.protocol.ServerFrame;
import io.chatsuite.devstack.testing.LocalStackTestResource;
import io.chatsuite.devstack.testing.TestTokenIssuer;
import io.chatsuite.gateway.TestSocket;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.Vertx;
import jakarta.inject.Inject;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Formatter;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.SimpleFormatter;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jboss.logging.Logger;
import org.junit.jupiter.api.Test;

/** What operators' dashboards and alerts read from /q/metrics, after real traffic through a real socket. */
@QuarkusTest
@WithTestResource(LocalStackTestResource.class)
@WithTestResource(TestTokenIssuer.class)
class GatewayMetricsTests {

    @TestHTTPResource("/")
    URI base;

    @Inject
    Vertx vertx;

    @Inject
    RedisDataSource redis;

    @Test
    void countsSocketsFramesCommandsAndTimesDelivery() throws Exception {
        LoggedLines logged = LoggedLines.capture();
        try {
            Logger.getLogger(GatewayMetricsTests.class).info("log capture works");
            countAndScrape();
        } finally {
            logged.stop();
        }
        // What the test claims of the message body, checked where it claims it: the body is in no log line...
        assertThat(logged.lines()).anyMatch(line -> line.contains("log capture works"));
        assertThat(logged.lines()).noneMatch(line -> line.contains("counted, never logged"));
    }

    /**
     * The API passed through to the services is timed by route, not by path: a path per conversation would make a
     * timer per conversation (and Quarkus stops adding any past 100, so the figures would stop being true).
     */
    @Test
    void timesPassedThroughRequestsByRouteNotByConversation() {
        List<String> conversations = List.of(UUID.randomUUID().toString(), UUID.randomUUID().toString());
        conversations.forEach(id -> given().get("/api/history/conversations/" + id + "/events?after=0"));
        given().get("/api/conversations/" + conversations.get(0));

        String metrics = scrape();
        assertThat(metrics).contains("uri=\"/api/history/*\"").contains("uri=\"/api/conversations*\"");
        conversations.forEach(id -> assertThat(metrics).doesNotContain(id));
    }

    private void countAndScrape() throws Exception {
        UUID user = UUID.randomUUID();
        double framesInBefore = value("chat_gateway_frames_in_total").orElse(0.0);
        double sendsBefore = value("chat_gateway_commands_total{outcome=\"forwarded\",type=\"send\"}").orElse(0.0);
        double latencyCountBefore = value("chat_delivery_latency_seconds_count").orElse(0.0);
        try (TestSocket socket = TestSocket.withToken(vertx, base, TestTokenIssuer.tokenFor(user, "metered"))) {
            assertThat(value("chat_gateway_sockets_open")).hasValueSatisfying(open -> assertThat(open).isPositive());

            socket.send("{\"type\":\"ping\",\"id\":\"p1\"}");
            socket.awaitFrameWithId("p1");
            socket.send("{\"type\":\"send\",\"id\":\"m1\",\"conversationId\":\"" + UUID.randomUUID()
                    + "\",\"body\":\"counted, never logged\"}");
            socket.send("{\"type\":\"nonsense\",\"id\":\"bad\"}");
            socket.awaitFrameWithId("bad");
            String event = "{\"type\":\"event\",\"event\":{\"type\":\"message.created\",\"conversationId\":\""
                    + UUID.randomUUID() + "\",\"seq\":1,\"occurredAt\":\"" + Instant.now().minusMillis(40)
                    + "\",\"body\":\"x\"}}";
            redis.pubsub(String.class).publish(ServerFrame.channelOf(user), event);
            await().atMost(Duration.ofSeconds(10)).until(() -> socket.frames().stream()
                    .anyMatch(frame -> frame.path("type").asText().equals("event")));

            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
                assertThat(value("chat_gateway_frames_in_total")).hasValueSatisfying(
                        count -> assertThat(count).isGreaterThanOrEqualTo(framesInBefore + 3));
                assertThat(value("chat_gateway_commands_total{outcome=\"forwarded\",type=\"send\"}"))
                        .hasValueSatisfying(count -> assertThat(count).isEqualTo(sendsBefore + 1));
                assertThat(value("chat_gateway_commands_total{outcome=\"invalid\",type=\"invalid\"}")).isPresent();
                assertThat(value("chat_gateway_commands_total{outcome=\"answered\",type=\"ping\"}")).isPresent();
                assertThat(value("chat_gateway_frames_out_total")).hasValueSatisfying(
                        count -> assertThat(count).isGreaterThanOrEqualTo(3));
                assertThat(value("chat_delivery_latency_seconds_count")).hasValueSatisfying(
                        count -> assertThat(count).isEqualTo(latencyCountBefore + 1));
                assertThat(value("chat_delivery_latency_seconds_sum")).hasValueSatisfying(
                        seconds -> assertThat(seconds).isGreaterThanOrEqualTo(0.04));
            });
        }
        String scrape = scrape();
        assertThat(scrape).contains("chat_delivery_latency_seconds_bucket{le=");
        assertThat(scrape).contains("chat_redis_reconnects_total");
        // The Kafka client binder: consumer lag of the user-events consumer, per partition and at most.
        assertThat(scrape).contains("kafka_consumer_fetch_manager_records_lag_max");
        // ...and in no metric label either.
        assertThat(scrape).doesNotContain("counted, never logged");
    }

    /** Every log record this JVM publishes meanwhile (the service's too: tests run in its JVM), formatted. */
    private static final class LoggedLines extends Handler {

        private final List<String> lines = new CopyOnWriteArrayList<>();
        private final Formatter formatter = new SimpleFormatter();

        static LoggedLines capture() {
            LoggedLines handler = new LoggedLines();
            java.util.logging.Logger.getLogger("").addHandler(handler);
            return handler;
        }

        void stop() {
            java.util.logging.Logger.getLogger("").removeHandler(this);
        }

        List<String> lines() {
            return List.copyOf(lines);
        }

        @Override
        public void publish(LogRecord record) {
            lines.add(formatter.format(record));
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    }

    private static String scrape() {
        return given().get("/q/metrics").then().statusCode(200).extract().asString();
    }

    /** The value of one sample, by its name and exact label set as Prometheus prints it. */
    private static Optional<Double> value(String sample) {
        String name = sample.contains("{") ? sample.substring(0, sample.indexOf('{')) : sample;
        String labels = sample.contains("{") ? sample.substring(sample.indexOf('{')) : "";
        Matcher line = Pattern.compile("^" + Pattern.quote(name) + "(\\{[^}]*\\})? (\\S+)$", Pattern.MULTILINE)
                .matcher(scrape());
        while (line.find()) {
            String found = line.group(1) == null ? "" : line.group(1);
            if (labels.isEmpty() || found.equals(labels)) {
                return Optional.of(Double.parseDouble(line.group(2)));
            }
        }
        return Optional.empty();
    }
}
