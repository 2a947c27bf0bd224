package io.chatsuite.loadgen;

import io.chatsuite.loadgen.echo.EchoServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Stream;

/**
 * The baseline target: the bare WebSocket echo ({@link EchoServer}) in a JVM of its own, sized like one of the
 * suite's services, on a free loopback port, so that its CPU and memory are measured apart from the bench's. Its
 * users live as long as it does, in a temporary data directory removed on close.
 */
final class EchoTarget implements Target {

    static final String NAME = "echo-server";
    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);

    private final Path dataDirectory;
    private final Process process;
    private final Gateway node;

    private EchoTarget(Path dataDirectory, Process process, int port) {
        this.dataDirectory = dataDirectory;
        this.process = process;
        this.node = new Gateway(NAME, URI.create("http://127.0.0.1:" + port));
    }

    /** Starts the echo server from the bench's own class path and waits until it listens. */
    static EchoTarget start() throws IOException {
        Path data = Files.createTempDirectory("bench-echo-");
        Path portFile = data.resolve("port");
        Path log = data.resolve(NAME + ".log");
        Process process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xms64m", "-Xmx384m", "-cp", System.getProperty("java.class.path"), EchoServer.class.getName(),
                "--port-file", portFile.toString())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        Instant deadline = Instant.now().plus(START_TIMEOUT);
        while (!Files.exists(portFile)) {
            if (!process.isAlive() || Instant.now().isAfter(deadline)) {
                process.destroyForcibly();
                String output = Files.readString(log);
                delete(data);
                throw new IOException("the echo server did not start:\n" + output);
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(50));
        }
        return new EchoTarget(data, process, Integer.parseInt(Files.readString(portFile).trim()));
    }

    @Override
    public List<Gateway> gateways() {
        return List.of(node);
    }

    @Override
    public Path dataDirectory() {
        return dataDirectory;
    }

    @Override
    public TargetProcesses processes() {
        return TargetProcesses.ofJava(NAME, process.pid());
    }

    @Override
    public Map<String, Object> description() {
        Map<String, Object> description = new LinkedHashMap<>();
        description.put("kind", "echo");
        description.put("what", "a bare WebSocket echo: one JVM (-Xmx384m), in-memory broadcast, no auth, "
                + "no storage");
        description.put("gateways", 1);
        return description;
    }

    @Override
    public void close() throws Exception {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
        delete(dataDirectory);
    }

    private static void delete(Path directory) throws IOException {
        try (Stream<Path> paths = Files.walk(directory)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> {
                try {
                    Files.delete(path);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }
}
