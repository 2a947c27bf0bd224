package io.chatsuite.loadgen;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.vertx.core.Vertx;
import java.nio.file.Files;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The baseline target on its own: the echo server as a child JVM, driven by a scenario, then gone. */
@Timeout(120)
class EchoTargetTests {

    private Vertx vertx;
    private SocketDialer dialer;

    @BeforeEach
    void clients() {
        vertx = Vertx.vertx();
        dialer = new SocketDialer(vertx, 2);
    }

    @AfterEach
    void close() throws Exception {
        dialer.close();
        vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }

    @Test
    void theLatencyScenarioMeasuresTheEchoInItsOwnProcessWhichStopsOnClose() throws Exception {
        EchoTarget echo = EchoTarget.start();
        ProcessHandle process = ProcessHandle.of(echo.processes().javaPid(EchoTarget.NAME).orElseThrow())
                .orElseThrow();
        assertThat(process.pid()).isNotEqualTo(ProcessHandle.current().pid());
        Report report;
        try (echo) {
            report = Bench.measure(new LatencyScenario(), echo, vertx, dialer, BenchOptions.parse("latency",
                    "--rate", "20", "--pairs", "2", "--duration", "2", "--warmup", "1", "--drain", "30"));
        }
        JsonNode results = report.results();
        assertThat(results.path("sent").asLong()).isEqualTo(40);
        assertThat(results.path("delivered").asLong()).isEqualTo(40);
        assertThat(results.path("acked").asLong()).isEqualTo(40);
        assertThat(results.path("resources").path("cpuPercentOfOneCore").has(EchoTarget.NAME)).isTrue();
        assertThat(SuiteHttp.JSON.valueToTree(report.json()).path("target").path("kind").asText()).isEqualTo("echo");
        assertThat(process.isAlive()).isFalse();
        assertThat(Files.exists(echo.dataDirectory())).isFalse();
    }
}
