package io.chatsuite.devstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.chatsuite.contracts.Topic;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalStackTests {

    @TempDir
    Path data;

    @Test
    void startsRealInfrastructureAndKeepsDataAcrossARestart() throws Exception {
        List<ProcessHandle> processes;
        try (LocalStack stack = LocalStack.start(StackSettings.forDataDirectory(data))) {
            Map<String, String> env = stack.serviceEnvironment();
            try (Connection auth = connect(env, "auth")) {
                auth.createStatement().execute("CREATE TABLE survivor (name text)");
                auth.createStatement().execute("INSERT INTO survivor VALUES ('kept')");
            }
            assertThat(connect(env, "chat").isValid(2)).isTrue();
            assertThat(connect(env, "history").isValid(2)).isTrue();
            assertThat(redis(env, "SET greeting hello")).isEqualTo("+OK");
            assertThat(redisLines(env, "CONFIG GET client-output-buffer-limit", 5).get(4))
                    .as("a gateway's pub/sub connection may fall 512 MB behind").contains("pubsub 536870912 134217728 60");
            assertThat(kafkaRoundTrip(env)).isEqualTo("ping");
            assertThat(anonymousS3Status(env)).as("a real S3 API refuses an unsigned request").isEqualTo(403);
            processes = ProcessHandle.current().descendants().toList();
            assertThat(processes).isNotEmpty();
        }
        await().atMost(Duration.ofSeconds(15)).until(() -> processes.stream().noneMatch(ProcessHandle::isAlive));
        assertThat(Files.exists(data.resolve("postgres").resolve("postmaster.pid"))).isFalse();

        try (LocalStack again = LocalStack.start(StackSettings.forDataDirectory(data))) {
            Map<String, String> env = again.serviceEnvironment();
            try (Connection auth = connect(env, "auth");
                 ResultSet rows = auth.createStatement().executeQuery("SELECT name FROM survivor")) {
                assertThat(rows.next()).isTrue();
                assertThat(rows.getString(1)).isEqualTo("kept");
            }
            assertThat(redis(env, "GET greeting")).isEqualTo("$5");
            assertThat(kafkaRoundTrip(env)).isEqualTo("ping");
        }
    }

    @Test
    void restartsInfrastructureThatDiesOnTheSamePortWithTheSameData() throws Exception {
        List<String> reports = new java.util.concurrent.CopyOnWriteArrayList<>();
        try (LocalStack stack = LocalStack.start(StackSettings.forDataDirectory(data), reports::add)) {
            Map<String, String> env = stack.serviceEnvironment();
            try (Connection chat = connect(env, "chat")) {
                chat.createStatement().execute("CREATE TABLE survivor (name text)");
                chat.createStatement().execute("INSERT INTO survivor VALUES ('kept')");
            }
            assertThat(redis(env, "SET greeting hello")).isEqualTo("+OK");
            List<ProcessHandle> killed = List.of(
                    child("kafka.Kafka"), child("redis-server"), child("org.gaul.s3proxy.Main"), postmaster());

            killed.forEach(ProcessHandle::destroyForcibly);

            await("every component reported back").atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(200))
                    .until(() -> List.of("kafka", "redis", "s3", "postgresql").stream()
                            .allMatch(name -> reports.stream().anyMatch(line -> line.startsWith(name + " is back"))));
            assertThat(reports).as("each death is reported before its restart").contains(
                    "kafka died; restarting it on the same port and data in 1000 ms",
                    "postgresql died; restarting it on the same port and data in 1000 ms");
            assertThat(killed).noneMatch(ProcessHandle::isAlive);
            assertThat(postmaster().pid()).isNotIn(killed.stream().map(ProcessHandle::pid).toList());
            try (Connection chat = connect(env, "chat");
                 ResultSet rows = chat.createStatement().executeQuery("SELECT name FROM survivor")) {
                assertThat(rows.next()).isTrue();
                assertThat(rows.getString(1)).isEqualTo("kept");
            }
            assertThat(redis(env, "GET greeting")).as("the append-only file kept the key").isEqualTo("$5");
            assertThat(kafkaRoundTrip(env)).isEqualTo("ping");
            assertThat(anonymousS3Status(env)).isEqualTo(403);
        }
    }

    /** A process the stack started, by a part of its command line (ProcessHandle.Info drops long ones). */
    private static ProcessHandle child(String commandLinePart) {
        return ProcessHandle.current().descendants()
                .filter(p -> commandLine(p).contains(commandLinePart))
                .findFirst().orElseThrow(() -> new AssertionError("no running " + commandLinePart));
    }

    private static String commandLine(ProcessHandle process) {
        try {
            return Files.readString(Path.of("/proc", Long.toString(process.pid()), "cmdline")).replace('\0', ' ');
        } catch (java.io.IOException gone) {
            return "";
        }
    }

    private ProcessHandle postmaster() throws Exception {
        long pid = Long.parseLong(Files.readAllLines(data.resolve("postgres").resolve("postmaster.pid")).get(0).trim());
        return ProcessHandle.of(pid).orElseThrow(() -> new AssertionError("no postmaster " + pid));
    }

    @Test
    void usesExternalInfrastructureInsteadOfStartingIt() throws Exception {
        try (LocalStack first = LocalStack.start(StackSettings.forDataDirectory(data.resolve("first")))) {
            Map<String, String> external = first.serviceEnvironment();
            StackSettings pointed = new StackSettings(data.resolve("second"),
                    StackSettings.forDataDirectory(data).binaryCache(), external);
            List<ProcessHandle> before = ProcessHandle.current().descendants().toList();
            try (LocalStack second = LocalStack.start(pointed)) {
                assertThat(second.serviceEnvironment()).isEqualTo(external);
                List<ProcessHandle> started = ProcessHandle.current().descendants()
                        .filter(p -> !before.contains(p))
                        .filter(p -> !p.info().command().orElse("").endsWith("sh"))
                        .toList();
                assertThat(started).as("processes besides the reaper").isEmpty();
                assertThat(kafkaRoundTrip(second.serviceEnvironment())).isEqualTo("ping");
            }
        }
    }

    private static Connection connect(Map<String, String> env, String database) throws Exception {
        return DriverManager.getConnection(
                "jdbc:postgresql://" + env.get("POSTGRES_HOST") + ":" + env.get("POSTGRES_PORT") + "/" + database,
                env.get("POSTGRES_USER"), env.get("POSTGRES_PASSWORD"));
    }

    private static int anonymousS3Status(Map<String, String> env) throws Exception {
        var request = java.net.http.HttpRequest.newBuilder(URI.create(env.get("S3_ENDPOINT") + "/"
                + env.get("S3_BUCKET") + "/")).build();
        return java.net.http.HttpClient.newHttpClient()
                .send(request, java.net.http.HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    private static String redis(Map<String, String> env, String inlineCommand) throws Exception {
        return redisLines(env, inlineCommand, 1).get(0);
    }

    /** The first {@code count} lines of the raw reply (RESP: an array's header, then each element's length and value). */
    private static List<String> redisLines(Map<String, String> env, String inlineCommand, int count) throws Exception {
        URI uri = URI.create(env.get("REDIS_URL"));
        try (Socket socket = new Socket(uri.getHost(), uri.getPort())) {
            OutputStream out = socket.getOutputStream();
            out.write((inlineCommand + "\r\n").getBytes(StandardCharsets.UTF_8));
            out.flush();
            InputStream in = socket.getInputStream();
            List<String> lines = new ArrayList<>();
            while (lines.size() < count) {
                StringBuilder line = new StringBuilder();
                for (int c = in.read(); c != '\r' && c >= 0; c = in.read()) {
                    line.append((char) c);
                }
                in.read();
                lines.add(line.toString());
            }
            return lines;
        }
    }

    private static String kafkaRoundTrip(Map<String, String> env) {
        String bootstrap = env.get("KAFKA_BOOTSTRAP_SERVERS");
        String key = UUID.randomUUID().toString();
        Properties producerConfig = new Properties();
        producerConfig.put("bootstrap.servers", bootstrap);
        producerConfig.put("acks", "all");
        producerConfig.put("enable.idempotence", "true");
        try (var producer = new KafkaProducer<>(producerConfig, new StringSerializer(), new StringSerializer())) {
            producer.send(new ProducerRecord<>(Topic.USER_EVENTS.topicName(), key, "ping")).get();
        } catch (Exception e) {
            throw new AssertionError("produce failed", e);
        }
        Properties consumerConfig = new Properties();
        consumerConfig.put("bootstrap.servers", bootstrap);
        consumerConfig.put("group.id", "devstack-test-" + key);
        consumerConfig.put("auto.offset.reset", "earliest");
        List<String> seen = new ArrayList<>();
        try (var consumer = new KafkaConsumer<>(consumerConfig, new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of(Topic.USER_EVENTS.topicName()));
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                    if (record.key().equals(key)) {
                        seen.add(record.value());
                    }
                }
                return !seen.isEmpty();
            });
        }
        return seen.get(0);
    }
}
