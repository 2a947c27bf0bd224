package io.chatsuite.loadgen;

import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The load generator: {@code bench <scenario> [options]} starts the suite (or attaches to a running one), drives it
 * through its public interfaces only, prints a one-screen report and writes it as JSON. See docs/benchmarks.md.
 */
public final class Bench {

    private Bench() {
    }

    public static void main(String[] args) {
        if (args.length == 0 || List.of("help", "--help", "-h").contains(args[0])) {
            System.out.println(BenchOptions.USAGE);
            System.exit(args.length == 0 ? 2 : 0);
        }
        try {
            Path json = run(args);
            System.out.println("JSON: " + json);
            System.exit(0);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.err.println(BenchOptions.USAGE);
            System.exit(2);
        } catch (Exception e) {
            System.err.println("FAILED: " + e);
            e.printStackTrace();
            System.exit(1);
        }
    }

    /**
     * Runs one scenario and answers where its JSON report is; with {@code --baseline}, first against the echo server,
     * then against the suite (already up, so both runs share the machine as it is).
     */
    public static Path run(String... args) throws Exception {
        BenchOptions options = BenchOptions.parse(args);
        Scenario scenario = scenario(options.scenario());
        Path root = projectRoot();
        Vertx vertx = Vertx.vertx(new VertxOptions()
                // The machine is shared and loaded on purpose: a slow tick is expected, not a bug to warn about.
                .setBlockedThreadCheckInterval(1).setBlockedThreadCheckIntervalUnit(TimeUnit.HOURS));
        SocketDialer dialer = new SocketDialer(vertx, options.integer("addresses", 8));
        Report report;
        try (TargetSuite suite = options.path("attach").isPresent()
                ? TargetSuite.attach(options.path("attach").get())
                : launch(root, options)) {
            Report baseline = null;
            if (options.flag("baseline")) {
                System.out.println("Measuring the baseline: the same scenario against a bare WebSocket echo ...");
                try (EchoTarget echo = EchoTarget.start()) {
                    baseline = measure(scenario, echo, vertx, dialer, options);
                }
                baseline.print(System.out);
            }
            report = measure(scenario, suite, vertx, dialer, options);
            if (baseline != null) {
                BaselineComparison.addTo(report, baseline, scenario.headline());
            }
        } finally {
            dialer.close();
            vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        }
        report.print(System.out);
        Path out = options.path("out").orElse(root.resolve("platform/load-generator/target/bench").resolve(
                options.scenario() + "-" + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"))
                        + ".json"));
        return report.write(out);
    }

    /** One run of the scenario against one target, in a report of its own. */
    static Report measure(Scenario scenario, Target target, Vertx vertx, SocketDialer dialer,
                          BenchOptions options) throws Exception {
        Report report = new Report(options.scenario());
        Map<String, Object> machine = machine();
        report.put("machine", machine);
        report.put("options", options.given());
        report.put("target", target.description());
        try (BenchContext context = BenchContext.open(target, vertx, dialer, options)) {
            machine.put("loadBefore", loadAverage());
            scenario.run(context, report);
            machine.put("loadAfter", loadAverage());
        }
        return report;
    }

    private static TargetSuite launch(Path root, BenchOptions options) throws IOException {
        Path data = options.path("data").orElse(root.resolve("platform/load-generator/target/bench-suite"));
        Optional<Integer> chatServices = options.text("chat-services").map(Integer::parseInt);
        System.out.println("Starting the suite (2 gateway nodes" + chatServices.map(n -> ", " + n
                + " chat-services").orElse("") + ") with data in " + data + " ...");
        TargetSuite suite = TargetSuite.launch(root, data, chatServices);
        System.out.println("Suite ready: " + suite.gateways());
        return suite;
    }

    static Scenario scenario(String name) {
        return switch (name) {
            case "connections" -> new ConnectionsScenario();
            case "latency" -> new LatencyScenario();
            case "mixed" -> new MixedScenario();
            case "throughput" -> new ThroughputScenario();
            case "fanout" -> new FanOutScenario();
            case "reconnect" -> new ReconnectStormScenario();
            default -> throw new IllegalArgumentException("unknown scenario: " + name);
        };
    }

    /** The checkout: where ./chat-suite is (the bench script passes it; otherwise searched upwards). */
    static Path projectRoot() {
        String given = System.getProperty("bench.root");
        Path dir = Path.of(given != null ? given : ".").toAbsolutePath().normalize();
        for (Path candidate = dir; candidate != null; candidate = candidate.getParent()) {
            if (Files.exists(candidate.resolve("chat-suite"))) {
                return candidate;
            }
        }
        throw new IllegalStateException("cannot find the chat-suite checkout above " + dir);
    }

    static Map<String, Object> machine() {
        Map<String, Object> machine = new LinkedHashMap<>();
        machine.put("cores", Runtime.getRuntime().availableProcessors());
        machine.put("memoryMiB", memInfo("MemTotal") / 1024);
        machine.put("jdk", System.getProperty("java.runtime.version"));
        machine.put("openFilesLimit", openFilesLimit());
        return machine;
    }

    static String loadAverage() {
        try {
            String[] parts = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return parts[0] + " " + parts[1] + " " + parts[2];
        } catch (IOException e) {
            return "unknown";
        }
    }

    private static long memInfo(String key) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/meminfo"))) {
                if (line.startsWith(key + ":")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
        } catch (IOException e) {
            return -1;
        }
        return -1;
    }

    private static String openFilesLimit() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/limits"))) {
                if (line.startsWith("Max open files")) {
                    String[] parts = line.substring("Max open files".length()).trim().split("\\s+");
                    return parts[0] + " (hard " + parts[1] + ")";
                }
            }
        } catch (IOException e) {
            return "unknown";
        }
        return "unknown";
    }
}
