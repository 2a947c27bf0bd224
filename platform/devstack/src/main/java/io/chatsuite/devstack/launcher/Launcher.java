package io.chatsuite.devstack.launcher;

import io.chatsuite.devstack.ChildProcesses;
import io.chatsuite.devstack.FreePorts;
import io.chatsuite.devstack.LocalStack;
import io.chatsuite.devstack.StackSettings;
import io.chatsuite.devstack.StackStartException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * The run command: starts the local stack and the five services as separate processes, waits until every one is
 * ready, says where to go, and on Ctrl-C (or any exit) stops everything it started.
 */
public final class Launcher {

    private static final Duration READY_TIMEOUT = Duration.ofMinutes(3);
    /** Restarts of one instance in a row that never became ready: past this it is broken, not unlucky. */
    private static final int MAX_RESTARTS = 5;
    private static final Duration MAX_RESTART_BACKOFF = Duration.ofSeconds(30);

    private final LaunchOptions options;
    private final List<ServiceProcess> services = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final List<Path> filesRemovedOnStop = new ArrayList<>();
    private LocalStack stack;
    private Map<String, String> environment;
    private LivenessWatch liveness;
    private boolean stopped;

    private Launcher(LaunchOptions options) {
        this.options = options;
    }

    public static void main(String[] args) {
        if (LaunchOptions.helpRequested(args)) {
            System.out.println(LaunchOptions.USAGE);
            return;
        }
        LaunchOptions options;
        try {
            options = LaunchOptions.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.err.println(LaunchOptions.USAGE);
            System.exit(2);
            return;
        }
        Launcher launcher = new Launcher(options);
        Runtime.getRuntime().addShutdownHook(new Thread(launcher::stop, "suite-shutdown"));
        try {
            launcher.start();
        } catch (StackStartException | IOException | UncheckedIOException e) {
            System.err.println();
            System.err.println("FAILED: " + e.getMessage());
            System.exit(1);
        }
        int status = launcher.superviseUntilStopped();
        System.exit(status);
    }

    private void start() throws IOException {
        say("Starting PostgreSQL, Redis, Kafka and S3 (data: " + options.dataDirectory() + ")");
        stack = LocalStack.start(StackSettings.forDataDirectory(options.dataDirectory()),
                line -> say("[infrastructure] " + line));
        say("Infrastructure ready; logs in " + stack.logDirectory());
        if (options.infraOnly()) {
            writeEndpoints();
            writeDevModeSettings();
            return;
        }
        Map<SuiteService, Integer> ports = new EnumMap<>(SuiteService.class);
        for (SuiteService service : SuiteService.values()) {
            ports.put(service, options.freePorts() ? FreePorts.pick() : service.defaultPort());
        }
        environment = new HashMap<>(stack.serviceEnvironment());
        ports.forEach((service, port) -> environment.put(service.urlVariable(), "http://localhost:" + port));
        Map<SuiteService, List<Integer>> instancePorts = new EnumMap<>(SuiteService.class);
        for (SuiteService service : SuiteService.values()) {
            List<Integer> instances = new ArrayList<>(List.of(ports.get(service)));
            while (instances.size() < instanceCount(service)) {
                instances.add(FreePorts.pick());
            }
            instancePorts.put(service, instances);
        }
        List<Integer> gatewayPorts = instancePorts.get(SuiteService.GATEWAY);
        // Services get five seconds to stop (ServiceProcess.stop): a gateway drains its sockets well within that.
        if (System.getenv("GATEWAY_DRAIN_WINDOW") == null) {
            environment.put("GATEWAY_DRAIN_WINDOW", "3s");
        }
        // Logs go to files a person reads; JSON lines are for log collectors in containers.
        if (System.getenv("LOG_JSON") == null) {
            environment.put("LOG_JSON", "false");
        }
        environment.put("ALLOWED_ORIGINS", gatewayPorts.stream()
                .flatMap(port -> java.util.stream.Stream.of("http://localhost:" + port, "http://127.0.0.1:" + port))
                .collect(java.util.stream.Collectors.joining(",")));

        // Other services reach chat-service's REST API at its first replica; every replica consumes chat.commands in
        // one group, each with its own port, data directory and log (chat-service, chat-service-2, ...).
        for (SuiteService service : SuiteService.values()) {
            List<Integer> instances = instancePorts.get(service);
            for (int node = 0; node < instances.size(); node++) {
                String name = node == 0 ? service.moduleName() : service.moduleName() + "-" + (node + 1);
                startService(service, name, instances.get(node));
            }
        }
        awaitAllReady();
        writeEndpoints();
        say("");
        for (ServiceProcess service : services) {
            say(String.format("  %-19s ready at %s", service.name(), service.url()));
        }
        say("");
        say("The chat suite is ready: open http://localhost:" + gatewayPorts.get(0) + "  (Ctrl-C stops it)");
        liveness = LivenessWatch.start(() -> List.copyOf(services), Launcher::say);
    }

    /** How many instances of a service this run asks for. */
    private int instanceCount(SuiteService service) {
        return switch (service) {
            case GATEWAY -> options.gateways();
            case CHAT -> options.chatServices();
            default -> 1;
        };
    }

    private ServiceProcess startService(SuiteService service, String name, int port) throws IOException {
        ServiceProcess process = ServiceProcess.start(service, name, options.projectRoot(), options.dataDirectory(),
                port, environment, stack.reaper());
        services.add(process);
        say("Started " + name + " on port " + port + ", log: " + process.log());
        return process;
    }

    private void awaitAllReady() throws IOException {
        List<CompletableFuture<Void>> readiness = services.stream()
                .map(service -> CompletableFuture.runAsync(() -> {
                    try {
                        service.awaitReady(READY_TIMEOUT);
                    } catch (IOException e) {
                        throw new UncheckedIOException(e.getMessage(), e);
                    }
                }))
                .toList();
        try {
            CompletableFuture.allOf(readiness.toArray(CompletableFuture[]::new)).join();
        } catch (CompletionException e) {
            throw new IOException(e.getCause().getMessage(), e.getCause());
        }
    }

    /**
     * Blocks until the JVM is asked to stop, restarting a service that exits on its own or is stopped for failing its
     * liveness probe (as Kubernetes would), after a pause that doubles while its restarts never become ready; one that
     * keeps failing ends the run with its log named.
     */
    private int superviseUntilStopped() {
        if (services.isEmpty()) {
            try {
                Thread.currentThread().join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return 0;
        }
        Map<String, Integer> unreadyRestarts = new java.util.concurrent.ConcurrentHashMap<>();
        while (true) {
            CompletableFuture<?>[] exits;
            synchronized (this) {
                exits = services.stream().map(ServiceProcess::onExit).toArray(CompletableFuture[]::new);
            }
            ServiceProcess gone = (ServiceProcess) CompletableFuture.anyOf(exits).join();
            if (isStopping()) {
                return 0;
            }
            int attempt = unreadyRestarts.merge(gone.name(), 1, Integer::sum);
            String cause = gone.stoppedBecause() != null ? "was stopped: " + gone.stoppedBecause()
                    : "exited unexpectedly with code " + gone.exitValue();
            if (attempt > MAX_RESTARTS) {
                System.err.println(gone.name() + " " + cause + "; see " + gone.log());
                System.err.println("FAILED: " + gone.name() + " keeps exiting without becoming ready");
                return 1;
            }
            Duration backoff = restartBackoff(attempt);
            System.err.println(gone.name() + " " + cause + "; see " + gone.log() + "; restarting"
                    + (backoff.isZero() ? "" : " in " + backoff.toSeconds() + " s"));
            ChildProcesses.pause(backoff);
            try {
                restart(gone, () -> unreadyRestarts.remove(gone.name()));
            } catch (IOException e) {
                System.err.println("FAILED: " + e.getMessage());
                return 1;
            }
        }
    }

    /** At once the first time, then 1, 2, 4... s up to 30 s while the restarts never become ready. */
    private static Duration restartBackoff(int attempt) {
        if (attempt <= 1) {
            return Duration.ZERO;
        }
        long seconds = 1L << Math.min(attempt - 2, 5);
        return Duration.ofSeconds(Math.min(seconds, MAX_RESTART_BACKOFF.toSeconds()));
    }

    /**
     * Starts the instance again at the same address and waits for its readiness on the side, so that another
     * instance's exit meanwhile (or one that cannot be ready until its infrastructure is back) is handled at once.
     */
    private void restart(ServiceProcess gone, Runnable onReady) throws IOException {
        ServiceProcess replacement;
        synchronized (this) {
            if (stopped) {
                return;
            }
            services.remove(gone);
            replacement = startService(gone.service(), gone.name(), gone.port());
        }
        Thread readiness = new Thread(() -> {
            try {
                replacement.awaitReady(READY_TIMEOUT);
                onReady.run();
                say(gone.name() + " is ready again at " + replacement.url());
            } catch (IOException | IllegalStateException notReady) {
                if (!isStopping()) {
                    System.err.println(gone.name() + " is not ready again: " + firstLine(notReady.getMessage()));
                }
            }
        }, "readiness-" + gone.name());
        readiness.setDaemon(true);
        readiness.start();
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "";
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }

    /** What other programs (the system tests, scripts) need to find the running suite and its infrastructure. */
    private void writeEndpoints() throws IOException {
        Properties endpoints = new Properties();
        endpoints.putAll(stack.serviceEnvironment());
        services.forEach(service -> endpoints.setProperty(service.name(), service.url()));
        Path file = Files.createDirectories(options.dataDirectory().resolve("run")).resolve("endpoints.properties");
        try (Writer writer = Files.newBufferedWriter(file)) {
            endpoints.store(writer, "the running suite; removed when it stops");
        }
        filesRemovedOnStop.add(file);
    }

    /**
     * Writes the stack's settings into each service's .env under the dev profile ({@code _DEV_} prefix), so that
     * {@code ./mvnw quarkus:dev} in a service directory runs against this stack and tests are not affected.
     */
    private void writeDevModeSettings() throws IOException {
        StringBuilder devEnvironment = new StringBuilder("# written by chat-suite infra; removed when it stops\n");
        StringBuilder shellEnvironment = new StringBuilder();
        stack.serviceEnvironment().forEach((name, value) -> {
            devEnvironment.append("_DEV_").append(name).append('=').append(value).append('\n');
            shellEnvironment.append("export ").append(name).append('=').append(value).append('\n');
        });
        for (SuiteService service : SuiteService.values()) {
            Path envFile = options.projectRoot().resolve(service.moduleName()).resolve(".env");
            Files.writeString(envFile, devEnvironment);
            filesRemovedOnStop.add(envFile);
        }
        Path shellFile = options.dataDirectory().resolve("devstack.env");
        Files.writeString(shellFile, shellEnvironment);
        say("");
        stack.serviceEnvironment().forEach((name, value) -> say("  " + name + "=" + value));
        say("");
        say("Wrote these settings to each service's .env (dev profile) and to " + shellFile);
        say("Run ./mvnw quarkus:dev in a service directory to use them. Ctrl-C stops the infrastructure.");
    }

    private synchronized boolean isStopping() {
        return stopped;
    }

    private synchronized void stop() {
        if (stopped) {
            return;
        }
        stopped = true;
        long begin = System.nanoTime();
        say("Stopping the chat suite...");
        if (liveness != null) {
            liveness.close();
        }
        // Services first, while Kafka is still there for their last commits; then the infrastructure.
        ChildProcesses.stopTogether(services.stream().<Runnable>map(service -> service::stop).toList());
        if (stack != null) {
            stack.close();
        }
        filesRemovedOnStop.forEach(file -> file.toFile().delete());
        say("Stopped in " + Duration.ofNanos(System.nanoTime() - begin).toMillis() + " ms.");
    }

    private static void say(String line) {
        System.out.println(line);
        System.out.flush();
    }
}
