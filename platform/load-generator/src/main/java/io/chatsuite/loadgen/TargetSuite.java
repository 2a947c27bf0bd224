package io.chatsuite.loadgen;

import java.io.IOException;
import java.io.Reader;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * The suite under measurement: either started here with the launcher (two gateway nodes, free ports, the
 * registration throttle lifted because every bench user registers from this machine), or one already running,
 * found through its {@code run/endpoints.properties}.
 */
final class TargetSuite implements Target {

    private static final Duration START_TIMEOUT = Duration.ofMinutes(5);

    private final Path dataDirectory;
    private final Properties endpoints;
    private final Process launcher;

    private TargetSuite(Path dataDirectory, Properties endpoints, Process launcher) {
        this.dataDirectory = dataDirectory;
        this.endpoints = endpoints;
        this.launcher = launcher;
    }

    static TargetSuite attach(Path dataDirectory) throws IOException {
        Path file = endpointsFile(dataDirectory);
        if (!Files.exists(file)) {
            throw new IOException("no running suite: " + file + " is missing");
        }
        return new TargetSuite(dataDirectory, read(file), null);
    }

    /**
     * Runs {@code ./chat-suite up --data DIR --free-ports --gateways 2} (with {@code --chat-services N} when given)
     * and waits until every service is ready.
     */
    static TargetSuite launch(Path projectRoot, Path dataDirectory, Optional<Integer> chatServices)
            throws IOException {
        Path file = endpointsFile(dataDirectory);
        Files.createDirectories(dataDirectory);
        Files.deleteIfExists(file);
        Path output = dataDirectory.resolve("launcher.out");
        List<String> command = new ArrayList<>(List.of(projectRoot.resolve("chat-suite").toString(), "up",
                "--data", dataDirectory.toString(), "--free-ports", "--gateways", "2"));
        chatServices.ifPresent(count -> command.addAll(List.of("--chat-services", Integer.toString(count))));
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(projectRoot.toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(output.toFile()));
        // Every bench user registers from this machine: lift the per-address registration limit for this suite.
        builder.environment().put("AUTH_THROTTLE_REGISTRATIONS", "1000000");
        Process launcher = builder.start();
        Instant deadline = Instant.now().plus(START_TIMEOUT);
        while (!Files.exists(file)) {
            if (!launcher.isAlive()) {
                throw new IOException("the launcher exited with " + launcher.exitValue() + ":\n"
                        + Files.readString(output));
            }
            if (Instant.now().isAfter(deadline)) {
                launcher.destroy();
                throw new IOException("the suite was not ready within " + START_TIMEOUT.toMinutes()
                        + " minutes; see " + output);
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(250));
        }
        return new TargetSuite(dataDirectory, read(file), launcher);
    }

    private static Path endpointsFile(Path dataDirectory) {
        return dataDirectory.resolve("run").resolve("endpoints.properties");
    }

    private static Properties read(Path file) throws IOException {
        Properties endpoints = new Properties();
        try (Reader reader = Files.newBufferedReader(file)) {
            endpoints.load(reader);
        }
        return endpoints;
    }

    @Override
    public Path dataDirectory() {
        return dataDirectory;
    }

    @Override
    public TargetProcesses processes() {
        return TargetProcesses.find(this);
    }

    @Override
    public Map<String, Object> description() {
        Map<String, Object> description = new LinkedHashMap<>();
        description.put("kind", "suite");
        description.put("dataDirectory", dataDirectory.toString());
        description.put("startedByBench", launcher != null);
        description.put("gateways", gateways().size());
        description.put("chatServices", serviceNames().stream().filter(name -> name.startsWith("chat-service"))
                .count());
        return description;
    }

    /** The gateway nodes, first the one named gateway-service, then gateway-service-2 and so on. */
    @Override
    public List<Gateway> gateways() {
        List<Gateway> gateways = new ArrayList<>();
        for (int node = 1; ; node++) {
            String name = node == 1 ? "gateway-service" : "gateway-service-" + node;
            String url = endpoints.getProperty(name);
            if (url == null) {
                return gateways;
            }
            gateways.add(new Gateway(name, URI.create(url)));
        }
    }

    /** A setting the launcher published for other programs (REDIS_URL, KAFKA_BOOTSTRAP_SERVERS...), or null. */
    String setting(String name) {
        return endpoints.getProperty(name);
    }

    /** The names of the five services' processes as the launcher calls them (gateway nodes included). */
    List<String> serviceNames() {
        return endpoints.stringPropertyNames().stream().filter(name -> name.endsWith("-service")
                || name.matches(".*-service-\\d+")).sorted().toList();
    }

    @Override
    public void close() throws Exception {
        if (launcher != null && launcher.isAlive()) {
            // The launcher stops every service and the infrastructure on TERM as on Ctrl-C; TERM also works when
            // the bench runs in a background job, whose children inherit an ignored SIGINT.
            new ProcessBuilder("kill", "-s", "TERM", Long.toString(launcher.pid())).inheritIO().start().waitFor();
            launcher.onExit().get(60, TimeUnit.SECONDS);
        }
    }
}
