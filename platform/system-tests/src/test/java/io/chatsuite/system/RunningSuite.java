package io.chatsuite.system;

import static org.awaitility.Awaitility.await;

import io.chatsuite.devstack.OrphanReaper;
import java.io.IOException;
import java.io.Reader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.stream.Stream;

/**
 * The whole suite started the way a user starts it: the README's run command, as a real process tree. The launcher
 * dies with this JVM: a test JVM that is killed (a timeout, Ctrl-C on Maven, kill -9) does not leave a suite running.
 */
final class RunningSuite implements AutoCloseable {

    static final List<String> SERVICES =
            List.of("auth-service", "chat-service", "history-service", "presence-service", "gateway-service");

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final Process launcher;
    private final OrphanReaper reaper;
    private final Path dataDirectory;
    private final Properties endpoints;

    private RunningSuite(Reaped launcher, Path dataDirectory, Properties endpoints) {
        this.launcher = launcher.process();
        this.reaper = launcher.reaper();
        this.dataDirectory = dataDirectory;
        this.endpoints = endpoints;
    }

    /** A process that dies with this JVM, and the reaper that sees to it. */
    record Reaped(Process process, OrphanReaper reaper) {
    }

    /**
     * Starts a process registered with the devstack's orphan reaper, as the launcher registers what it starts: if this
     * JVM dies without {@link OrphanReaper#release() releasing} it, the process gets what Ctrl-C sends (INT), then
     * SIGKILL 20 s later. For the launcher, INT means stopping the services and infrastructure; if it must be killed,
     * its own reaper stops them.
     */
    static Reaped startReaped(ProcessBuilder builder, Path reaperDirectory) throws IOException {
        OrphanReaper reaper = OrphanReaper.start(reaperDirectory);
        try {
            Process process = builder.start();
            reaper.register(process.pid(), "INT");
            return new Reaped(process, reaper);
        } catch (IOException | RuntimeException e) {
            reaper.release();
            throw e;
        }
    }

    /** Runs {@code ./chat-suite up} on free ports with the given data directory and waits until it is ready. */
    static RunningSuite launch(Path dataDirectory, String... options) throws IOException {
        return launch(dataDirectory, Map.of(), options);
    }

    /** The same, with extra environment variables for the launcher and every service it starts. */
    static RunningSuite launch(Path dataDirectory, Map<String, String> environment, String... options)
            throws IOException {
        Path root = Path.of(System.getProperty("devstack.root", "../..")).toAbsolutePath().normalize();
        Path endpointsFile = dataDirectory.resolve("run").resolve("endpoints.properties");
        Files.deleteIfExists(endpointsFile);
        Files.createDirectories(dataDirectory);
        Path output = dataDirectory.resolve("launcher.out");
        // Started from a script's background job (nohup ... &), this JVM and all it starts inherit SIGINT ignored, and
        // a JVM cannot undo that: the launcher would not hear Ctrl-C. Perl (in every Debian) restores the default
        // and becomes the launcher, keeping the pid.
        List<String> command = new ArrayList<>(List.of("perl", "-e", "$SIG{INT} = 'DEFAULT'; exec @ARGV or die $!",
                root.resolve("chat-suite").toString(), "up", "--data", dataDirectory.toString(), "--free-ports"));
        command.addAll(List.of(options));
        ProcessBuilder builder = new ProcessBuilder(command);
        // Every test user registers from 127.0.0.1: lift the per-address registration limit for the run.
        builder.environment().put("AUTH_THROTTLE_REGISTRATIONS", "100000");
        builder.environment().putAll(environment);
        Reaped reaped = startReaped(builder
                .directory(root.toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(output.toFile())), dataDirectory.resolve("test-reaper"));
        Process launcher = reaped.process();
        await("the launcher reports every service ready (output in " + output + ")")
                .atMost(Duration.ofMinutes(4))
                .pollInterval(Duration.ofMillis(250))
                .until(() -> Files.exists(endpointsFile) || !launcher.isAlive());
        if (!launcher.isAlive()) {
            reaped.reaper().release();
            throw new AssertionError("the launcher exited with " + launcher.exitValue() + ":\n"
                    + Files.readString(output));
        }
        Properties endpoints = new Properties();
        try (Reader reader = Files.newBufferedReader(endpointsFile)) {
            endpoints.load(reader);
        }
        return new RunningSuite(reaped, dataDirectory, endpoints);
    }

    String url(String service) {
        return endpoints.getProperty(service);
    }

    String setting(String name) {
        return endpoints.getProperty(name);
    }

    HttpResponse<String> get(String service, String path) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url(service) + path)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** The launcher, everything it started, and PostgreSQL's server, which pg_ctl detaches from the launcher. */
    List<ProcessHandle> processTree() throws IOException {
        List<ProcessHandle> tree = new ArrayList<>();
        tree.add(launcher.toHandle());
        tree.addAll(launcher.descendants().toList());
        String postmaster = Files.readAllLines(dataDirectory.resolve("postgres").resolve("postmaster.pid")).get(0);
        ProcessHandle.of(Long.parseLong(postmaster.trim())).ifPresent(server ->
                Stream.concat(Stream.of(server), server.descendants()).forEach(tree::add));
        return tree;
    }

    /** The JVM running a service module (the first, if it runs several times). */
    ProcessHandle serviceProcess(String module) {
        String jar = module + "/target/quarkus-app/quarkus-run.jar";
        return launcher.descendants()
                .filter(p -> p.info().arguments().map(args -> String.join(" ", args).contains(jar)).orElse(false))
                .findFirst().orElseThrow(() -> new AssertionError("no running " + module));
    }

    /** The JVM running one instance, by the name the launcher gives it (gateway-service, gateway-service-2). */
    Optional<ProcessHandle> instanceProcess(String instance) {
        String marker = "-Dchatsuite.instance=" + instance;
        return launcher.descendants()
                .filter(p -> p.info().arguments().map(args -> List.of(args).contains(marker)).orElse(false))
                .findFirst();
    }

    /**
     * The running process of one piece of the launcher's local stack: {@code kafka}, {@code redis} or
     * {@code postgresql}. The launcher restarts it when it dies, so each call may find a newer one.
     */
    Optional<ProcessHandle> infrastructureProcess(String component) throws IOException {
        if (component.equals("postgresql")) {
            Path pidFile = dataDirectory.resolve("postgres").resolve("postmaster.pid");
            if (!Files.exists(pidFile)) {
                return Optional.empty();
            }
            List<String> lines = Files.readAllLines(pidFile);
            return lines.isEmpty() ? Optional.empty()
                    : ProcessHandle.of(Long.parseLong(lines.get(0).trim())).filter(ProcessHandle::isAlive);
        }
        String marker = switch (component) {
            case "kafka" -> "kafka.Kafka";
            case "redis" -> "redis-server";
            default -> throw new IllegalArgumentException("no infrastructure process " + component);
        };
        return launcher.descendants().filter(p -> commandLine(p).contains(marker)).findFirst();
    }

    /** The whole command line: ProcessHandle.Info leaves out the arguments of one as long as the broker's. */
    private static String commandLine(ProcessHandle process) {
        try {
            return Files.readString(Path.of("/proc", Long.toString(process.pid()), "cmdline")).replace('\0', ' ');
        } catch (IOException gone) {
            return "";
        }
    }

    /**
     * Sends one instance SIGTERM, as a rolling update does, and returns its process. The launcher, like an
     * orchestrator, starts the instance again once it has exited; {@link #awaitBack} waits for that.
     */
    ProcessHandle terminate(String instance) throws IOException, InterruptedException {
        ProcessHandle process = instanceProcess(instance)
                .orElseThrow(() -> new AssertionError("no running " + instance));
        new ProcessBuilder("kill", "-s", "TERM", Long.toString(process.pid())).inheritIO().start().waitFor();
        return process;
    }

    /**
     * Sends one instance SIGKILL, as the out-of-memory killer or a lost node does: it leaves nothing behind cleanly
     * (no Kafka group leave, no drain). The launcher starts it again; {@link #awaitBack} waits for that.
     */
    ProcessHandle killInstance(String instance) throws IOException, InterruptedException {
        ProcessHandle process = instanceProcess(instance)
                .orElseThrow(() -> new AssertionError("no running " + instance));
        new ProcessBuilder("kill", "-s", "KILL", Long.toString(process.pid())).inheritIO().start().waitFor();
        return process;
    }

    /**
     * Whether the process has exited. A killed child of a frozen launcher stays a zombie until the launcher reaps it,
     * and {@link ProcessHandle#isAlive} counts a zombie as alive: its state in /proc says it is not.
     */
    static boolean hasExited(ProcessHandle process) {
        if (!process.isAlive()) {
            return true;
        }
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(process.pid()), "stat"));
            return stat.substring(stat.lastIndexOf(')') + 2).startsWith("Z");
        } catch (IOException gone) {
            return true;
        }
    }

    /** Waits until every service instance answers ready: a test may have killed one, and the launcher restarts it. */
    void awaitEveryInstanceReady(Duration timeout) {
        List<String> instances = endpoints.stringPropertyNames().stream()
                .filter(name -> name.matches("[a-z]+-service(-\\d+)?")).sorted().toList();
        for (String instance : instances) {
            await(instance + " is ready").atMost(timeout).pollInterval(Duration.ofMillis(250)).ignoreExceptions()
                    .until(() -> get(instance, "/q/health/ready").statusCode() == 200);
        }
    }

    /** Waits until the terminated process has exited and its replacement answers ready at the same address. */
    void awaitBack(String instance, ProcessHandle terminated, Duration timeout) {
        await(instance + " is restarted and ready").atMost(timeout).pollInterval(Duration.ofMillis(250))
                .ignoreExceptions()
                .until(() -> !terminated.isAlive()
                        && instanceProcess(instance).map(p -> p.pid() != terminated.pid()).orElse(false)
                        && get(instance, "/q/health/ready").statusCode() == 200);
    }

    /**
     * Freezes the launcher (SIGSTOP), as an orchestrator that is slow to act: while it is frozen nothing is restarted,
     * so what happens meanwhile is the surviving instances' doing. {@link #resumeLauncher} undoes it.
     */
    void pauseLauncher() throws IOException, InterruptedException {
        signal("STOP");
    }

    /** Lets a frozen launcher go on (SIGCONT): it then restarts whatever exited meanwhile. */
    void resumeLauncher() throws IOException, InterruptedException {
        signal("CONT");
    }

    /** What Ctrl-C in the terminal does. */
    void interrupt() throws IOException, InterruptedException {
        signal("INT");
    }

    /** What the out-of-memory killer or a careless kill -9 does. */
    void kill() throws IOException, InterruptedException {
        signal("KILL");
    }

    private void signal(String name) throws IOException, InterruptedException {
        new ProcessBuilder("kill", "-s", name, Long.toString(launcher.pid())).inheritIO().start().waitFor();
    }

    /** Stops the suite as Ctrl-C does; the reaper is released only once the launcher is gone. */
    @Override
    public void close() throws Exception {
        if (launcher.isAlive()) {
            interrupt();
            try {
                launcher.onExit().get(30, java.util.concurrent.TimeUnit.SECONDS);
            } catch (java.util.concurrent.TimeoutException slow) {
                // How fast Ctrl-C stops a suite is SuiteLauncherTests' business; here the suite only has to go, and
                // the launcher's own reaper stops whatever a killed launcher leaves.
                System.err.println("the launcher still ran 30 s after Ctrl-C; killing it");
                kill();
                launcher.onExit().get(30, java.util.concurrent.TimeUnit.SECONDS);
            }
        }
        reaper.release();
    }
}
