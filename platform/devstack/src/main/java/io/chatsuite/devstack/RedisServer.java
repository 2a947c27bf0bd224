package io.chatsuite.devstack;

import static io.chatsuite.devstack.ServiceEnvironment.REDIS_URL;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** redis-server, the real binary that the embedded-redis artifact ships, run and supervised by us. */
final class RedisServer implements StackComponent {

    private static final String BINARY_RESOURCE = "/redis-server-6.2.6-v5-linux-amd64";
    private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(30);

    private RestartableProcess server;
    private Path log;
    private int port;

    @Override
    public String name() {
        return "redis";
    }

    @Override
    public Map<String, String> start(StackSettings settings, StackState state, OrphanReaper reaper) throws Exception {
        if (settings.configured(REDIS_URL).isPresent()) {
            return Map.of(REDIS_URL, settings.configured(REDIS_URL).orElseThrow());
        }
        Path binary = unpackBinary(settings.binaryCache());
        Path dataDirectory = Files.createDirectories(settings.dataDirectory().resolve("redis"));
        log = Files.createDirectories(settings.logDirectory()).resolve("redis.log");
        port = state.claimPort("redis");
        server = new RestartableProcess(List.of(binary.toString(),
                        "--port", Integer.toString(port),
                        "--bind", "127.0.0.1",
                        "--dir", dataDirectory.toString(),
                        "--appendonly", "yes",
                        "--save", "",
                        // A gateway's one pub/sub connection carries every frame for its users: the default 32 MB
                        // hard limit closed it in reconnect storms, costing every user on the node a resubscription (see
                        // docs/operations.md, Scale).
                        "--client-output-buffer-limit", "pubsub", "512mb", "128mb", "60",
                        "--daemonize", "no"), log, 5_000);
        // The append-only file brings the data back on every start.
        awaitPong(server.start(reaper), port, log);
        return Map.of(REDIS_URL, "redis://127.0.0.1:" + port);
    }

    @Override
    public synchronized boolean running() {
        return server == null || server.alive();
    }

    @Override
    public synchronized void restart(OrphanReaper reaper) throws IOException {
        if (server != null) {
            awaitPong(server.restart(reaper), port, log);
        }
    }

    private static void awaitPong(Process process, int port, Path log) throws IOException {
        Instant deadline = Instant.now().plus(STARTUP_TIMEOUT);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IOException("redis-server exited with " + process.exitValue() + ":\n"
                        + ChildProcesses.tail(log, 20));
            }
            if (answersPing(port)) {
                return;
            }
            ChildProcesses.pause(Duration.ofMillis(50));
        }
        throw new IOException("redis-server did not answer PING within " + STARTUP_TIMEOUT + ":\n"
                + ChildProcesses.tail(log, 20));
    }

    private static boolean answersPing(int port) {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
            socket.setSoTimeout(1000);
            OutputStream out = socket.getOutputStream();
            out.write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            byte[] reply = new byte[7];
            InputStream in = socket.getInputStream();
            int read = in.readNBytes(reply, 0, 5);
            return read == 5 && new String(reply, 0, 5, StandardCharsets.US_ASCII).equals("+PONG");
        } catch (IOException e) {
            return false;
        }
    }

    private static Path unpackBinary(Path cache) throws IOException {
        Path binary = cache.resolve("redis" + BINARY_RESOURCE);
        if (Files.isExecutable(binary)) {
            return binary;
        }
        Files.createDirectories(binary.getParent());
        Path partial = Files.createTempFile(binary.getParent(), "redis-server", ".partial");
        try (InputStream in = RedisServer.class.getResourceAsStream(BINARY_RESOURCE)) {
            if (in == null) {
                throw new IOException("the embedded-redis artifact does not carry " + BINARY_RESOURCE);
            }
            Files.copy(in, partial, StandardCopyOption.REPLACE_EXISTING);
        }
        Files.setPosixFilePermissions(partial, PosixFilePermissions.fromString("rwxr-xr-x"));
        // An atomic move: a parallel test JVM sees either no binary or a whole one.
        Files.move(partial, binary, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        return binary;
    }

    @Override
    public synchronized void stop() {
        if (server != null) {
            server.stop();
            server = null;
        }
    }
}
