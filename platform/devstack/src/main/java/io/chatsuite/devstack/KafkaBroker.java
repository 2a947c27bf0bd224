package io.chatsuite.devstack;

import static io.chatsuite.devstack.ServiceEnvironment.KAFKA_BOOTSTRAP_SERVERS;

import io.chatsuite.contracts.Topic;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;

/**
 * An Apache Kafka broker in KRaft combined mode (broker and controller in one), as a separate JVM whose classpath is
 * the broker's own jars, resolved at build time by the kafka-broker module.
 */
final class KafkaBroker implements StackComponent {

    private static final String CLASSPATH_RESOURCE = "/io/chatsuite/kafkabroker/broker.classpath";
    private static final String LOG_CONFIG_RESOURCE = "/io/chatsuite/kafkabroker/log4j2.xml";
    private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(90);

    private RestartableProcess server;
    private Path log;
    private int port;

    @Override
    public String name() {
        return "kafka";
    }

    @Override
    public Map<String, String> start(StackSettings settings, StackState state, OrphanReaper reaper) throws Exception {
        if (settings.configured(KAFKA_BOOTSTRAP_SERVERS).isPresent()) {
            String bootstrap = settings.configured(KAFKA_BOOTSTRAP_SERVERS).orElseThrow();
            createTopics(bootstrap, null, null);
            return Map.of(KAFKA_BOOTSTRAP_SERVERS, bootstrap);
        }
        Path home = Files.createDirectories(settings.dataDirectory().resolve("kafka"));
        log = Files.createDirectories(settings.logDirectory()).resolve("kafka.log");
        port = state.claimPort("kafka");
        int controllerPort = state.claimPort("kafka-controller");
        String clusterId = state.get("kafka.cluster-id");
        if (clusterId == null) {
            clusterId = newClusterId();
            state.put("kafka.cluster-id", clusterId);
        }
        Path config = writeServerConfig(home, port, controllerPort);
        Path logConfig = home.resolve("log4j2.xml");
        Files.write(logConfig, resource(LOG_CONFIG_RESOURCE));
        String classpath = new String(resource(CLASSPATH_RESOURCE), StandardCharsets.UTF_8).trim();

        if (!Files.exists(home.resolve("logs").resolve("meta.properties"))) {
            format(classpath, logConfig, config, clusterId, log);
        }
        server = new RestartableProcess(brokerCommand(classpath, logConfig, "kafka.Kafka", config.toString()), log,
                6_000);
        awaitServing(server.start(reaper));
        return Map.of(KAFKA_BOOTSTRAP_SERVERS, bootstrap());
    }

    private String bootstrap() {
        return "127.0.0.1:" + port;
    }

    /** Waits until the broker, running on the formatted storage, serves the suite's topics. */
    private void awaitServing(Process process) throws Exception {
        awaitListening(process, port, log);
        createTopics(bootstrap(), process, log);
    }

    @Override
    public synchronized boolean running() {
        return server == null || server.alive();
    }

    @Override
    public synchronized void restart(OrphanReaper reaper) throws Exception {
        if (server != null) {
            awaitServing(server.restart(reaper));
        }
    }

    private static Path writeServerConfig(Path home, int port, int controllerPort) throws IOException {
        Properties broker = new Properties();
        broker.setProperty("process.roles", "broker,controller");
        broker.setProperty("node.id", "1");
        broker.setProperty("controller.quorum.voters", "1@127.0.0.1:" + controllerPort);
        broker.setProperty("listeners", "PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort);
        broker.setProperty("advertised.listeners", "PLAINTEXT://127.0.0.1:" + port);
        broker.setProperty("controller.listener.names", "CONTROLLER");
        broker.setProperty("inter.broker.listener.name", "PLAINTEXT");
        broker.setProperty("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        broker.setProperty("log.dirs", home.resolve("logs").toString());
        broker.setProperty("num.partitions", Integer.toString(Topic.PARTITIONS));
        broker.setProperty("offsets.topic.replication.factor", "1");
        broker.setProperty("offsets.topic.num.partitions", "10");
        broker.setProperty("transaction.state.log.replication.factor", "1");
        broker.setProperty("transaction.state.log.min.isr", "1");
        broker.setProperty("share.coordinator.state.topic.replication.factor", "1");
        broker.setProperty("share.coordinator.state.topic.min.isr", "1");
        broker.setProperty("group.initial.rebalance.delay.ms", "0");
        broker.setProperty("auto.create.topics.enable", "false");
        // One node has nobody to hand leadership to: a controlled shutdown only waits, and Ctrl-C has 10 s.
        broker.setProperty("controlled.shutdown.enable", "false");
        Path config = home.resolve("server.properties");
        try (var writer = Files.newBufferedWriter(config)) {
            broker.store(writer, "written by devstack on every start");
        }
        return config;
    }

    private static void format(String classpath, Path logConfig, Path config, String clusterId, Path log)
            throws IOException, InterruptedException {
        Process storageTool = new ProcessBuilder(brokerCommand(classpath, logConfig,
                        "kafka.tools.StorageTool", "format", "-t", clusterId, "-c", config.toString()))
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .start();
        if (!storageTool.waitFor(60, TimeUnit.SECONDS) || storageTool.exitValue() != 0) {
            storageTool.destroyForcibly();
            throw new IOException("formatting Kafka's storage failed:\n" + ChildProcesses.tail(log, 20));
        }
    }

    private static List<String> brokerCommand(String classpath, Path logConfig, String mainClass, String... args) {
        List<String> command = new ArrayList<>(List.of(
                ChildProcesses.javaExecutable(),
                "-Xms128m", "-Xmx512m", "-XX:+UseG1GC", "-XX:MaxGCPauseMillis=20",
                "-Djava.awt.headless=true",
                "-Dlog4j2.configurationFile=" + logConfig,
                "-cp", classpath,
                mainClass));
        command.addAll(List.of(args));
        return command;
    }

    /** Waits for the listener before asking anything, so the admin client does not log a wall of retries. */
    private static void awaitListening(Process process, int port, Path log) throws IOException {
        Instant deadline = Instant.now().plus(STARTUP_TIMEOUT);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IOException("the Kafka broker exited with " + process.exitValue() + ":\n"
                        + ChildProcesses.tail(log, 30));
            }
            try (Socket probe = new Socket(InetAddress.getLoopbackAddress(), port)) {
                return;
            } catch (IOException notYet) {
                ChildProcesses.pause(Duration.ofMillis(100));
            }
        }
        throw new IOException("the Kafka broker did not listen on " + port + " within " + STARTUP_TIMEOUT + ":\n"
                + ChildProcesses.tail(log, 30));
    }

    /** Creates the suite's topics, retrying until the broker answers; this doubles as the readiness check. */
    private static void createTopics(String bootstrap, Process broker, Path log) throws Exception {
        Instant deadline = Instant.now().plus(STARTUP_TIMEOUT);
        Map<String, Object> adminConfig = Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 10_000);
        Exception last = null;
        try (Admin admin = Admin.create(adminConfig)) {
            while (Instant.now().isBefore(deadline)) {
                if (broker != null && !broker.isAlive()) {
                    throw new IOException("the Kafka broker exited with " + broker.exitValue() + ":\n"
                            + ChildProcesses.tail(log, 30));
                }
                try {
                    Set<String> existing = admin.listTopics().names().get(10, TimeUnit.SECONDS);
                    List<NewTopic> missing = Stream.concat(Topic.allNames().stream(),
                                    Topic.deadLetterNames().stream())
                            .filter(name -> !existing.contains(name))
                            .map(name -> new NewTopic(name, Topic.PARTITIONS, (short) 1))
                            .toList();
                    if (!missing.isEmpty()) {
                        admin.createTopics(missing).all().get(30, TimeUnit.SECONDS);
                    }
                    return;
                } catch (ExecutionException | java.util.concurrent.TimeoutException e) {
                    last = e;
                    ChildProcesses.pause(Duration.ofMillis(200));
                }
            }
        }
        throw new IOException("Kafka at " + bootstrap + " did not become ready within " + STARTUP_TIMEOUT
                + (log == null ? "" : ":\n" + ChildProcesses.tail(log, 30)), last);
    }

    private static String newClusterId() {
        // Kafka's cluster ids are 16 random bytes in URL-safe base64; one starting with '-' would read as an option.
        SecureRandom random = new SecureRandom();
        byte[] bytes = new byte[16];
        String id;
        do {
            random.nextBytes(bytes);
            id = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        } while (id.startsWith("-"));
        return id;
    }

    private static byte[] resource(String name) throws IOException {
        try (InputStream in = KafkaBroker.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IOException(name + " is missing: build the platform/kafka-broker module first");
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
