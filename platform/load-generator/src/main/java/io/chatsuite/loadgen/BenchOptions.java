package io.chatsuite.loadgen;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The scenario to run, its {@code --name value} options and its flags ({@code --baseline}); each scenario reads
 * what it needs, with defaults.
 */
final class BenchOptions {

    private static final Set<String> FLAGS = Set.of("baseline");

    static final String USAGE = """
            usage: bench <scenario> [options]
              scenarios: connections | latency | mixed | throughput | fanout | reconnect
              --attach DIR     measure the suite already running with data directory DIR (its run/endpoints.properties)
              --data DIR       start the suite with this data directory (default:
                               platform/load-generator/target/bench-suite, kept); the users and rooms the tool
                               registers are kept there (bench/) and reused by later runs
              --out FILE       where the JSON report goes
                               (default: platform/load-generator/target/bench/<scenario>-<time>.json)
              --addresses N    loopback source addresses 127.0.0.1..N for the tool's connections (default 8)
              --baseline       first run the same scenario with the same options against a bare WebSocket echo
                               server (one JVM on a free loopback port: in-memory broadcast, no auth, no storage);
                               the report shows each headline figure for the suite, for the echo, and their ratio
              --chat-services N
                               chat-service replicas: passed to ./chat-suite up when the bench starts the suite
            connections: --target N (19000) --users N (1000) --connect-rate N/s (1000) --hold SECONDS (10)
            latency:     --rate N/s (1000) --pairs N (rate/20) --duration SECONDS (60) --warmup SECONDS (5)
                         --drain SECONDS (10: the longest wait for deliveries still under way)
            mixed:       as latency (--rate 500): half messages, a fifth thread replies, a fifth reactions, a tenth
                         reads, each sender in turn
            throughput:  --start N/s (500) --max N/s (8000) --factor F (1.5) --step SECONDS (15) --pairs N (max/30)
                         --warmup SECONDS (3) --drain SECONDS (5) --p99-limit MS (100)
            fanout:      --members N (1000) --repeats N (40) --interval MS (250) --drain SECONDS (15)
            reconnect:   --connections N (5000) --users N (1000)""";

    private final String scenario;
    private final Map<String, String> values;

    private BenchOptions(String scenario, Map<String, String> values) {
        this.scenario = scenario;
        this.values = values;
    }

    static BenchOptions parse(String... args) {
        if (args.length == 0 || args[0].startsWith("--")) {
            throw new IllegalArgumentException("name a scenario");
        }
        Map<String, String> values = new LinkedHashMap<>();
        for (int i = 1; i < args.length; i++) {
            String name = args[i].startsWith("--") ? args[i].substring(2) : null;
            if (FLAGS.contains(name)) {
                values.put(name, "true");
            } else if (name == null || i + 1 == args.length) {
                throw new IllegalArgumentException("options come as --name value: " + args[i]);
            } else {
                values.put(name, args[++i]);
            }
        }
        return new BenchOptions(args[0], values);
    }

    String scenario() {
        return scenario;
    }

    Map<String, String> given() {
        return values;
    }

    boolean flag(String name) {
        return values.containsKey(name);
    }

    Optional<String> text(String name) {
        return Optional.ofNullable(values.get(name));
    }

    Optional<Path> path(String name) {
        return text(name).map(value -> Path.of(value).toAbsolutePath().normalize());
    }

    int integer(String name, int otherwise) {
        return text(name).map(Integer::parseInt).orElse(otherwise);
    }

    double decimal(String name, double otherwise) {
        return text(name).map(Double::parseDouble).orElse(otherwise);
    }

    Duration seconds(String name, int otherwise) {
        return Duration.ofSeconds(integer(name, otherwise));
    }
}
