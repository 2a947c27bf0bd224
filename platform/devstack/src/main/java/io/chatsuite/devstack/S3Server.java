package io.chatsuite.devstack;

import static io.chatsuite.devstack.ServiceEnvironment.S3_ACCESS_KEY_ID;
import static io.chatsuite.devstack.ServiceEnvironment.S3_BUCKET;
import static io.chatsuite.devstack.ServiceEnvironment.S3_ENDPOINT;
import static io.chatsuite.devstack.ServiceEnvironment.S3_REGION;
import static io.chatsuite.devstack.ServiceEnvironment.S3_SECRET_ACCESS_KEY;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * An S3-compatible object store: S3Proxy with its filesystem backend, a real S3 API server, as a separate JVM whose
 * classpath is S3Proxy's own jars, resolved at build time by the s3-server module (like the Kafka broker's).
 *
 * <p>The credentials are random per data directory (remembered in stack.properties), so the dev store is not open to
 * anyone on the machine who knows a default key. The bucket is created as the backend's directory.
 */
final class S3Server implements StackComponent {

    static final String DEFAULT_BUCKET = "chat-attachments";
    static final String DEFAULT_REGION = "us-east-1";

    private static final String CLASSPATH_RESOURCE = "/io/chatsuite/s3server/s3proxy.classpath";
    private static final String LOG_CONFIG_RESOURCE = "/io/chatsuite/s3server/logback.xml";
    private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(90);

    private RestartableProcess server;
    private Path log;
    private String endpoint;

    @Override
    public String name() {
        return "s3";
    }

    @Override
    public Map<String, String> start(StackSettings settings, StackState state, OrphanReaper reaper) throws Exception {
        if (settings.configured(S3_ENDPOINT).isPresent()) {
            Map<String, String> external = new LinkedHashMap<>();
            for (String name : List.of(S3_ENDPOINT, S3_REGION, S3_BUCKET, S3_ACCESS_KEY_ID, S3_SECRET_ACCESS_KEY)) {
                settings.configured(name).ifPresent(value -> external.put(name, value));
            }
            return external;
        }
        Path home = Files.createDirectories(settings.dataDirectory().resolve("s3"));
        Path blobs = Files.createDirectories(home.resolve("blobs"));
        // The filesystem backend reads a bucket readable by others as a public-read bucket, open to unsigned
        // requests: keep the bucket (and what is in it) to this user alone.
        Path bucket = Files.createDirectories(blobs.resolve(DEFAULT_BUCKET));
        Files.setPosixFilePermissions(bucket, PosixFilePermissions.fromString("rwx------"));
        log = Files.createDirectories(settings.logDirectory()).resolve("s3.log");
        int port = state.claimPort("s3");
        String accessKey = remembered(state, "s3.access-key-id", 10);
        String secretKey = remembered(state, "s3.secret-access-key", 20);
        endpoint = "http://127.0.0.1:" + port;

        Properties config = new Properties();
        config.setProperty("s3proxy.endpoint", endpoint);
        config.setProperty("s3proxy.authorization", "aws-v2-or-v4");
        config.setProperty("s3proxy.identity", accessKey);
        config.setProperty("s3proxy.credential", secretKey);
        config.setProperty("jclouds.provider", "filesystem-nio2");
        config.setProperty("jclouds.filesystem.basedir", blobs.toString());
        // The backend's own login; the local filesystem ignores it, but S3Proxy requires one.
        config.setProperty("jclouds.identity", accessKey);
        config.setProperty("jclouds.credential", secretKey);
        Path configFile = home.resolve("s3proxy.properties");
        try (var writer = Files.newBufferedWriter(configFile)) {
            config.store(writer, "written by devstack on every start");
        }
        Path logConfig = home.resolve("logback.xml");
        Files.write(logConfig, resource(LOG_CONFIG_RESOURCE));
        String classpath = new String(resource(CLASSPATH_RESOURCE), StandardCharsets.UTF_8).trim();

        server = new RestartableProcess(List.of(
                ChildProcesses.javaExecutable(),
                "-Xms32m", "-Xmx256m", "-XX:+UseSerialGC",
                "-Djava.awt.headless=true",
                "-Dlogback.configurationFile=" + logConfig,
                "-cp", classpath,
                "org.gaul.s3proxy.Main", "--properties", configFile.toString()), log, 5_000);
        awaitAnswering(server.start(reaper), endpoint, log);

        Map<String, String> environment = new LinkedHashMap<>();
        environment.put(S3_ENDPOINT, endpoint);
        environment.put(S3_REGION, DEFAULT_REGION);
        environment.put(S3_BUCKET, DEFAULT_BUCKET);
        environment.put(S3_ACCESS_KEY_ID, accessKey);
        environment.put(S3_SECRET_ACCESS_KEY, secretKey);
        return environment;
    }

    @Override
    public synchronized boolean running() {
        return server == null || server.alive();
    }

    @Override
    public synchronized void restart(OrphanReaper reaper) throws IOException, InterruptedException {
        if (server != null) {
            awaitAnswering(server.restart(reaper), endpoint, log);
        }
    }

    private static String remembered(StackState state, String key, int bytes) {
        String value = state.get(key);
        if (value == null) {
            byte[] random = new byte[bytes];
            new SecureRandom().nextBytes(random);
            value = HexFormat.of().formatHex(random);
            state.put(key, value);
        }
        return value;
    }

    /** Ready once the S3 API answers at all (an anonymous request is refused with 403: that is an answer). */
    private static void awaitAnswering(Process process, String endpoint, Path log)
            throws IOException, InterruptedException {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        HttpRequest probe = HttpRequest.newBuilder(URI.create(endpoint + "/")).timeout(Duration.ofSeconds(5)).build();
        Instant deadline = Instant.now().plus(STARTUP_TIMEOUT);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IOException("S3Proxy exited with " + process.exitValue() + ":\n" + ChildProcesses.tail(log, 30));
            }
            try {
                http.send(probe, HttpResponse.BodyHandlers.discarding());
                return;
            } catch (IOException notYet) {
                ChildProcesses.pause(Duration.ofMillis(200));
            }
        }
        throw new IOException("S3Proxy did not answer on " + endpoint + " within " + STARTUP_TIMEOUT + ":\n"
                + ChildProcesses.tail(log, 30));
    }

    private static byte[] resource(String name) throws IOException {
        try (InputStream in = S3Server.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IOException(name + " is missing: build the platform/s3-server module first");
            }
            return in.readAllBytes();
        }
    }

    @Override
    public synchronized void stop() {
        if (server != null) {
            server.stop();
            server = null;
        }
    }
}
