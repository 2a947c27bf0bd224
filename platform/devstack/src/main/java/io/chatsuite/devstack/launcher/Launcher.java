package io.chatsuite.devstack.launcher;

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

    private final LaunchOptions options;
    private final List<ServiceProcess> services = new ArrayList<>();
    private final List<Path> filesRemovedOnStop = new ArrayList<>();
    private LocalStack stack;
    private boolean stopped;

    private Launcher(LaunchOptions options) {
        this.options = options;
    }

    public static void main(String[] args) {
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
        int status = launcher.runUntilAServiceExits();
        System.exit(status);
    }

    private void start() throws IOException {
        say("Starting PostgreSQL, Redis and Kafka (data: " + options.dataDirectory() + ")");
        stack = LocalStack.start(StackSettings.forDataDirectory(options.dataDirectory()));
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
        Map<String, String> environment = new HashMap<>(stack.serviceEnvironment());
        ports.forEach((service, port) -> environment.put(service.urlVariable(), "http://localhost:" + port));
        int gatewayPort = ports.get(SuiteService.GATEWAY);
        environment.put("ALLOWED_ORIGINS", "http://localhost:" + gatewayPort + ",http://127.0.0.1:" + gatewayPort);

        for (SuiteService service : SuiteService.values()) {
            services.add(ServiceProcess.start(service, options.projectRoot(), options.dataDirectory(),
                    ports.get(service), environment, stack.reaper()));
            say("Started " + service.moduleName() + " on port " + ports.get(service)
                    + ", log: " + services.get(services.size() - 1).log());
        }
        awaitAllReady();
        writeEndpoints();
        say("");
        for (ServiceProcess service : services) {
            say(String.format("  %-17s ready at %s", service.service().moduleName(), service.url()));
        }
        say("");
        say("The chat suite is ready: open " + services.get(services.size() - 1).url() + "  (Ctrl-C stops it)");
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

    /** Blocks until a service exits on its own (a failure worth reporting) or the JVM is asked to stop. */
    private int runUntilAServiceExits() {
        if (services.isEmpty()) {
            try {
                Thread.currentThread().join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return 0;
        }
        CompletableFuture<?>[] exits = services.stream().map(ServiceProcess::onExit).toArray(CompletableFuture[]::new);
        ServiceProcess gone = (ServiceProcess) CompletableFuture.anyOf(exits).join();
        if (isStopping()) {
            return 0;
        }
        System.err.println("FAILED: " + gone.service().moduleName() + " exited unexpectedly; see " + gone.log());
        return 1;
    }

    /** What other programs (the system tests, scripts) need to find the running suite and its infrastructure. */
    private void writeEndpoints() throws IOException {
        Properties endpoints = new Properties();
        endpoints.putAll(stack.serviceEnvironment());
        services.forEach(service -> endpoints.setProperty(service.service().moduleName(), service.url()));
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
        services.parallelStream().forEach(ServiceProcess::stop);
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
