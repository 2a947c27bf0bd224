package io.chatsuite.loadgen;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every scenario of the load generator at a tiny scale against one real suite (two gateway nodes), each with
 * {@code --baseline} (the same run against the bare echo server first), so the tool keeps working as the suite
 * changes; the figures themselves are not judged here, only that they are sane and compared with the baseline's.
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
        JsonNode report = run("connections", "--target", "60", "--users", "10", "--connect-rate", "200",
                "--hold", "1");
        JsonNode results = report.path("results");
        for (JsonNode run : List.of(results, baseline(report))) {
            assertThat(run.path("heldAfterHold").asInt()).isEqualTo(60);
            assertThat(run.path("gatewayAfter").path("heapAfterFullGcBytes").asLong()).isPositive();
        }
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
        JsonNode report = run("latency", "--rate", "20", "--pairs", "2", "--duration", "2", "--warmup", "1",
                "--drain", "90");
        JsonNode results = report.path("results");
        for (JsonNode run : List.of(results, baseline(report))) {
            assertThat(run.path("sent").asLong()).isEqualTo(40);
            assertThat(run.path("delivered").asLong()).isEqualTo(40);
            assertThat(run.path("acked").asLong()).isEqualTo(40);
            assertThat(run.path("delivery").path("p99_ms").asDouble()).isPositive()
                    .isLessThanOrEqualTo(run.path("delivery").path("max_ms").asDouble());
            assertThat(run.path("ack").path("count").asLong()).isEqualTo(40);
        }
        assertThat(baseline(report).path("resources").path("cpuPercentOfOneCore").has("echo-server")).isTrue();
        JsonNode cpu = results.path("resources").path("cpuPercentOfOneCore");
        for (String process : new String[] {"chat-service", "gateway-service-2", "kafka", "redis", "postgresql"}) {
            assertThat(cpu.has(process)).as("the CPU of " + process + " is sampled").isTrue();
        }
    }

    @Test
    void mixedAnswersEveryKindAndDeliversItToTheOtherMember() throws Exception {
        JsonNode report = run("mixed", "--rate", "40", "--pairs", "2", "--duration", "2", "--warmup", "1",
                "--drain", "90");
        for (JsonNode run : List.of(report.path("results"), baseline(report))) {
            long total = 0;
            for (String kind : List.of("message", "threadReply", "reaction", "read")) {
                long sent = run.path("sent").path(kind).asLong();
                assertThat(sent).as(kind + " sent").isPositive();
                assertThat(run.path("acked").path(kind).asLong()).as(kind + " acked").isEqualTo(sent);
                total += sent;
            }
            assertThat(total).isEqualTo(80);
            for (String kind : List.of("message", "threadReply", "reaction")) {
                assertThat(run.path("delivered").path(kind).asLong()).as(kind + " delivered")
                        .isEqualTo(run.path("sent").path(kind).asLong());
            }
            assertThat(run.path("delivered").path("receipt").asLong()).isPositive();
            assertThat(run.path("delivery").path("reaction").path("count").asLong())
                    .isEqualTo(run.path("sent").path("reaction").asLong());
            assertThat(run.path("cpuMsPerCommand").asDouble()).isPositive();
        }
    }

    @Test
    void throughputStepsTheRate() throws Exception {
        // A limit no tiny step can break, even on a loaded machine: this checks the stepping, not the suite.
        JsonNode report = run("throughput", "--start", "20", "--max", "40", "--factor", "2", "--step", "1",
                "--warmup", "1", "--pairs", "2", "--drain", "90", "--p99-limit", "600000");
        for (JsonNode run : List.of(report.path("results"), baseline(report))) {
            assertThat(run.path("steps")).hasSize(2);
            assertThat(run.path("steps").get(0).path("delivered").asLong()).isEqualTo(20);
            assertThat(run.path("steps").get(1).path("delivered").asLong()).isEqualTo(40);
            assertThat(run.path("highestHeldOfferedPerSecond").asDouble()).isEqualTo(40);
        }
    }

    @Test
    void fanOutReachesEveryMemberOfTheRoom() throws Exception {
        JsonNode report = run("fanout", "--members", "10", "--repeats", "5", "--interval", "100",
                "--drain", "90");
        for (JsonNode run : List.of(report.path("results"), baseline(report))) {
            assertThat(run.path("completeRepeats").asInt()).isEqualTo(5);
            assertThat(run.path("lastMember").path("count").asInt()).isEqualTo(5);
            assertThat(run.path("perMember").path("count").asInt()).isEqualTo(5 * 9);
        }
    }

    @Test
    void reconnectStormResyncsEveryDevice() throws Exception {
        JsonNode report = run("reconnect", "--connections", "20", "--users", "10");
        for (JsonNode run : List.of(report.path("results"), baseline(report))) {
            assertThat(run.path("resynced").asInt()).isEqualTo(20);
            assertThat(run.path("failed").asInt()).isZero();
            assertThat(run.path("allResyncedSeconds").asDouble()).isPositive();
        }
    }

    /** Runs the scenario with --baseline against the suite; checks the comparison and answers the whole report. */
    private static JsonNode run(String scenario, String... options) throws Exception {
        Path out = work.resolve(scenario + ".json");
        List<String> args = new ArrayList<>(List.of(scenario, "--attach", suite.dataDirectory().toString(),
                "--out", out.toString(), "--baseline"));
        args.addAll(List.of(options));
        assertThat(Bench.run(args.toArray(String[]::new))).isEqualTo(out);
        JsonNode report = SuiteHttp.JSON.readTree(Files.readString(out));
        assertThat(report.path("scenario").asText()).isEqualTo(scenario);
        assertThat(report.path("machine").path("cores").asInt()).isPositive();
        assertThat(report.path("target").path("kind").asText()).isEqualTo("suite");
        assertThat(report.path("baseline").path("target").path("kind").asText()).isEqualTo("echo");
        assertThat(report.path("baseline").path("scenario").asText()).isEqualTo(scenario);
        List<Figure> headline = Bench.scenario(scenario).headline();
        assertThat(report.path("comparison")).hasSize(headline.size());
        for (int i = 0; i < headline.size(); i++) {
            JsonNode row = report.path("comparison").get(i);
            String pointer = headline.get(i).pointer();
            assertThat(row.path("figure").asText()).isEqualTo(headline.get(i).label());
            assertThat(row.path("suite").isNumber() && row.path("baseline").isNumber()).as(pointer).isTrue();
            assertThat(row.path("suite").asDouble()).as(pointer)
                    .isEqualTo(report.path("results").at(pointer).asDouble());
            assertThat(row.path("baseline").asDouble()).as(pointer)
                    .isEqualTo(baseline(report).at(pointer).asDouble());
            double suiteFigure = row.path("suite").asDouble();
            double baselineFigure = row.path("baseline").asDouble();
            if (suiteFigure >= 0 && baselineFigure > 0) {
                assertThat(row.path("suiteOverBaseline").asDouble()).as(pointer)
                        .isCloseTo(suiteFigure / baselineFigure, within(0.01 + suiteFigure / baselineFigure / 100));
            } else {
                assertThat(row.path("suiteOverBaseline").isNull()).as(pointer).isTrue();
            }
        }
        return report;
    }

    private static JsonNode baseline(JsonNode report) {
        return report.path("baseline").path("results");
    }
}
