package io.chatsuite.loadgen;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every scenario of the load generator at a tiny scale against one real suite (two gateway nodes), so the tool
 * keeps working as the suite changes; the figures themselves are not judged here, only that they are sane.
 */
@Timeout(600)
class LoadGeneratorSmokeTests {

    @TempDir
    static Path work;

    private static TargetSuite suite;

    @BeforeAll
    static void startSuite() throws Exception {
        suite = TargetSuite.launch(Bench.projectRoot(), work.resolve("suite"), Optional.empty());
    }

    @AfterAll
    static void stopSuite() throws Exception {
        if (suite != null) {
            suite.close();
        }
    }

    @Test
    void connectionsHoldsEverySocketAndMeasuresTheGateway() throws Exception {
        JsonNode results = run("connections", "--target", "60", "--users", "10", "--connect-rate", "200",
                "--hold", "1");
        assertThat(results.path("opened").asInt()).isEqualTo(60);
        assertThat(results.path("heldAfterHold").asInt()).isEqualTo(60);
        assertThat(results.path("failed").asInt()).isZero();
        assertThat(results.path("connect").path("count").asInt()).isEqualTo(60);
        assertThat(results.path("gatewayAfter").path("rssBytes").asLong()).isPositive();
        assertThat(results.path("gatewayAfter").path("heapAfterFullGcBytes").asLong()).isPositive();
        assertThat(results.path("gatewayOpenFiles").asLong()).isGreaterThan(60);
    }

    @Test
    void latencyDeliversEveryMessageAcrossTheNodes() throws Exception {
        JsonNode results = run("latency", "--rate", "20", "--pairs", "2", "--duration", "3", "--warmup", "1",
                "--drain", "90");
        assertThat(results.path("sent").asLong()).isEqualTo(60);
        assertThat(results.path("delivered").asLong()).isEqualTo(60);
        assertThat(results.path("acked").asLong()).isEqualTo(60);
        assertThat(results.path("delivery").path("p99_ms").asDouble()).isPositive()
                .isLessThanOrEqualTo(results.path("delivery").path("max_ms").asDouble());
        assertThat(results.path("ack").path("count").asLong()).isEqualTo(60);
        JsonNode cpu = results.path("resources").path("cpuPercentOfOneCore");
        for (String process : new String[] {"chat-service", "gateway-service-2", "kafka", "redis", "postgresql"}) {
            assertThat(cpu.has(process)).as("the CPU of " + process + " is sampled").isTrue();
        }
    }

    @Test
    void throughputStepsTheRate() throws Exception {
        // A limit no tiny step can break, even on a loaded machine: this checks the stepping, not the suite.
        JsonNode results = run("throughput", "--start", "20", "--max", "40", "--factor", "2", "--step", "2",
                "--pairs", "2", "--drain", "90", "--p99-limit", "600000");
        assertThat(results.path("steps")).hasSize(2);
        assertThat(results.path("steps").get(0).path("delivered").asLong()).isEqualTo(40);
        assertThat(results.path("steps").get(1).path("delivered").asLong()).isEqualTo(80);
        assertThat(results.path("highestHeldOfferedPerSecond").asDouble()).isEqualTo(40);
    }

    @Test
    void fanOutReachesEveryMemberOfTheRoom() throws Exception {
        JsonNode results = run("fanout", "--members", "10", "--repeats", "5", "--interval", "100",
                "--drain", "90");
        assertThat(results.path("completeRepeats").asInt()).isEqualTo(5);
        assertThat(results.path("lastMember").path("count").asInt()).isEqualTo(5);
        assertThat(results.path("perMember").path("count").asInt()).isEqualTo(5 * 9);
    }

    @Test
    void reconnectStormResyncsEveryDevice() throws Exception {
        JsonNode results = run("reconnect", "--connections", "20", "--users", "10");
        assertThat(results.path("resynced").asInt()).isEqualTo(20);
        assertThat(results.path("failed").asInt()).isZero();
        assertThat(results.path("allResyncedSeconds").asDouble()).isPositive();
    }

    private static JsonNode run(String scenario, String... options) throws Exception {
        Path out = work.resolve(scenario + ".json");
        String[] args = new String[options.length + 5];
        args[0] = scenario;
        args[1] = "--attach";
        args[2] = suite.dataDirectory().toString();
        args[3] = "--out";
        args[4] = out.toString();
        System.arraycopy(options, 0, args, 5, options.length);
        assertThat(Bench.run(args)).isEqualTo(out);
        JsonNode report = SuiteHttp.JSON.readTree(Files.readString(out));
        assertThat(report.path("scenario").asText()).isEqualTo(scenario);
        assertThat(report.path("machine").path("cores").asInt()).isPositive();
        return report.path("results");
    }
}
