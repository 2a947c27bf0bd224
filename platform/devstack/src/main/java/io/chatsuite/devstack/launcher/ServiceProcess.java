package io.chatsuite.devstack.launcher;

import io.chatsuite.devstack.ChildProcesses;
import io.chatsuite.devstack.OrphanReaper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/** One service of the suite running as its own JVM, logging to a file, supervised by the orphan reaper. */
final class ServiceProcess implements LivenessProbed {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final SuiteService service;
    private final String name;
    private final int port;
    private final Path log;
    private final Process process;
    private volatile String stoppedBecause;

    private ServiceProcess(SuiteService service, String name, int port, Path log, Process process) {
        this.service = service;
        this.name = name;
        this.port = port;
        this.log = log;
        this.process = process;
    }

    /** Starts one instance of a service; {@code name} tells instances apart (gateway-service-2) in logs and data. */
    static ServiceProcess start(SuiteService service, String name, Path projectRoot, Path dataDirectory, int port,
                                Map<String, String> environment, OrphanReaper reaper) throws IOException {
        Path jar = service.runnableJar(projectRoot);
        if (!Files.exists(jar)) {
            throw new IOException(service.moduleName() + " is not built (" + jar + " is missing): run ./mvnw package");
        }
        Path workDirectory = Files.createDirectories(dataDirectory.resolve(name));
        Path log = Files.createDirectories(dataDirectory.resolve("logs")).resolve(name + ".log");
        List<String> command = new ArrayList<>(List.of(ChildProcesses.javaExecutable(), "-Xms64m",
                "-Xmx" + service.maxHeapMegabytes() + "m"));
        command.addAll(service.jvmOptions());
        // Names the instance on its command line, so tools (and tests) can find gateway-service-2.
        command.addAll(List.of("-Dchatsuite.instance=" + name, "-jar", jar.toString()));
        ProcessBuilder builder = ChildProcesses.inOwnSession(command)
                .directory(workDirectory.toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().putAll(environment);
        builder.environment().put("QUARKUS_HTTP_PORT", Integer.toString(port));
        builder.environment().put("SERVICE_DATA_DIR", workDirectory.toString());
        Process process = builder.start();
        reaper.register(process.pid(), "TERM");
        return new ServiceProcess(service, name, port, log, process);
    }

    /** Waits until the service reports ready, or fails saying why, with the end of its log. */
    void awaitReady(Duration timeout) throws IOException {
        URI readiness = URI.create(url() + "/q/health/ready");
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IOException(name + " exited with code " + process.exitValue()
                        + "; the end of " + log + ":\n" + ChildProcesses.tail(log, 25));
            }
            if (answersReady(readiness)) {
                return;
            }
            ChildProcesses.pause(Duration.ofMillis(250));
        }
        throw new IOException(name + " was not ready within " + timeout.toSeconds()
                + " s; the end of " + log + ":\n" + ChildProcesses.tail(log, 25));
    }

    /**
     * The liveness probe's answer: the status code and body of {@code /q/health/live}, or empty when the service does
     * not answer at all (starting, stopping or gone: the process's exit is watched separately).
     */
    @Override
    public java.util.Optional<HttpResponse<String>> liveness() {
        try {
            HttpRequest request = HttpRequest.newBuilder(URI.create(url() + "/q/health/live"))
                    .timeout(Duration.ofSeconds(3)).GET().build();
            return java.util.Optional.of(HTTP.send(request, HttpResponse.BodyHandlers.ofString()));
        } catch (IOException e) {
            return java.util.Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return java.util.Optional.empty();
        }
    }

    private static boolean answersReady(URI readiness) {
        try {
            HttpRequest request = HttpRequest.newBuilder(readiness).timeout(Duration.ofSeconds(5)).GET().build();
            return HTTP.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    String url() {
        return "http://localhost:" + port;
    }

    SuiteService service() {
        return service;
    }

    @Override
    public String name() {
        return name;
    }

    int port() {
        return port;
    }

    int exitValue() {
        return process.exitValue();
    }

    Path log() {
        return log;
    }

    /** Completes when the process exits, for whatever reason. */
    CompletableFuture<ServiceProcess> onExit() {
        return process.onExit().thenApply(exited -> this);
    }

    /** Stops a process that is running but no longer alive inside, so that the supervisor starts it again. */
    @Override
    public void stopBecause(String reason) {
        stoppedBecause = reason;
        stop();
    }

    /** Why the launcher stopped this process itself, or null when it exited on its own. */
    String stoppedBecause() {
        return stoppedBecause;
    }

    void stop() {
        // Services stop in one or two seconds; past five, whatever they wait for is replayed from Kafka anyway.
        ChildProcesses.stop(process, 5_000);
    }
}
