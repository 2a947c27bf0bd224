package io.chatsuite.devstack.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class LivenessWatchTests {

    private static final Duration PERIOD = Duration.ofMillis(100);
    private static final String DOWN = "{\"status\": \"DOWN\", \"checks\": [{\"name\": \"SmallRye Reactive Messaging - "
            + "liveness check\", \"status\": \"DOWN\", \"data\": {\"commands\": \"[KO] - Throttled commit strategy\"}}]}";

    private final List<HttpServer> servers = new CopyOnWriteArrayList<>();

    @AfterEach
    void stopServers() {
        servers.forEach(server -> server.stop(0));
    }

    @Test
    void stopsAServiceWhoseLivenessStaysDownNamingTheFailedCheck() throws Exception {
        FakeService failed = serving(503, DOWN);
        FakeService healthy = serving(200, "{\"status\": \"UP\"}");
        List<String> reports = new CopyOnWriteArrayList<>();
        try (LivenessWatch ignored = LivenessWatch.start(() -> List.of(failed, healthy), reports::add, PERIOD)) {
            await().atMost(Duration.ofSeconds(10)).until(() -> failed.stoppedBecause.get() != null);
            assertThat(failed.probes.get()).as("stopped on the third DOWN answer, not before")
                    .isEqualTo(LivenessWatch.FAILURE_THRESHOLD);
            assertThat(failed.stoppedBecause.get()).contains("liveness DOWN 3 times in a row")
                    .contains("Throttled commit strategy");
            assertThat(reports).singleElement().asString().startsWith("failed liveness DOWN 3 times in a row")
                    .endsWith("stopping it to restart it");
            await().atMost(Duration.ofSeconds(10)).until(() -> healthy.probes.get() >= 5);
            assertThat(healthy.stoppedBecause.get()).as("a live service is left alone").isNull();
        }
    }

    @Test
    void leavesAloneAServiceThatIsNeverDownThreeTimesInARowOrDoesNotAnswer() throws Exception {
        // DOWN, DOWN, UP, DOWN, DOWN, UP...: a check that flaps is not a channel that has failed for good.
        FakeService flapping = serving(503, DOWN);
        flapping.upEvery = 3;
        FakeService silent = new FakeService("silent", null);
        try (LivenessWatch ignored = LivenessWatch.start(() -> List.of(flapping, silent), line -> { }, PERIOD)) {
            await().atMost(Duration.ofSeconds(10)).until(() -> flapping.probes.get() >= 12 && silent.probes.get() >= 12);
            assertThat(flapping.stoppedBecause.get()).isNull();
            assertThat(silent.stoppedBecause.get()).as("no answer is not DOWN: it is starting or gone").isNull();
        }
    }

    private FakeService serving(int status, String body) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        FakeService service = new FakeService(status == 200 ? "healthy" : "failed",
                URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/q/health/live"));
        service.status.set(status);
        server.createContext("/q/health/live", exchange -> {
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            int answered = service.answered.incrementAndGet();
            boolean up = service.upEvery > 0 && answered % service.upEvery == 0;
            exchange.sendResponseHeaders(up ? 200 : service.status.get(), bytes.length);
            exchange.getResponseBody().write(bytes);
            exchange.close();
        });
        server.start();
        servers.add(server);
        return service;
    }

    /** A service as the watch sees it: its probe goes to a real HTTP endpoint, or nowhere when it has none. */
    private static final class FakeService implements LivenessProbed {

        private static final HttpClient HTTP = HttpClient.newHttpClient();

        final String name;
        final URI liveness;
        final AtomicInteger status = new AtomicInteger();
        final AtomicInteger probes = new AtomicInteger();
        final AtomicInteger answered = new AtomicInteger();
        volatile int upEvery;
        final AtomicReference<String> stoppedBecause = new AtomicReference<>();

        FakeService(String name, URI liveness) {
            this.name = name;
            this.liveness = liveness;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public Optional<HttpResponse<String>> liveness() {
            probes.incrementAndGet();
            if (liveness == null) {
                return Optional.empty();
            }
            try {
                return Optional.of(HTTP.send(HttpRequest.newBuilder(liveness).build(),
                        HttpResponse.BodyHandlers.ofString()));
            } catch (IOException | InterruptedException e) {
                return Optional.empty();
            }
        }

        @Override
        public void stopBecause(String reason) {
            stoppedBecause.set(reason);
        }
    }
}
