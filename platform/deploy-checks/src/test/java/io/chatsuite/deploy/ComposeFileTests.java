package io.chatsuite.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** docker-compose.yml is valid Compose and runs the whole suite the way the README promises. */
class ComposeFileTests {

    private static JsonNode compose() throws Exception {
        return ComposeFile.read(Files.readString(ProjectFiles.resolve("docker-compose.yml")));
    }

    @Test
    void isValidAgainstTheComposeSpecification() throws Exception {
        assertThat(ComposeFile.problems(compose())).isEmpty();
    }

    @Test
    void theSchemaCheckCatchesMistakes() throws Exception {
        JsonNode broken = compose().deepCopy();
        ((com.fasterxml.jackson.databind.node.ObjectNode) broken.path("services").path("redis"))
                .put("restart_policy", "always");
        ((com.fasterxml.jackson.databind.node.ObjectNode) broken.path("services").path("postgres"))
                .put("depends_on", 42);
        assertThat(ComposeFile.problems(broken)).hasSizeGreaterThanOrEqualTo(2)
                .anySatisfy(problem -> assertThat(problem).contains("restart_policy"))
                .anySatisfy(problem -> assertThat(problem).contains("depends_on"));
    }

    @Test
    void runsEveryServiceBehindHealthchecksWithTwoGatewaysAtLocalhost8080() throws Exception {
        JsonNode services = compose().path("services");
        List<String> names = new ArrayList<>();
        services.fieldNames().forEachRemaining(names::add);
        assertThat(names).contains("postgres", "redis", "kafka", "minio", "auth-service", "chat-service",
                "history-service", "presence-service", "gateway-1", "gateway-2", "edge");
        assertThat(services.path("kafka").path("image").asText()).startsWith("apache/kafka:");
        assertThat(services.path("kafka").path("environment").path("KAFKA_PROCESS_ROLES").asText())
                .isEqualTo("broker,controller");
        assertThat(services.path("edge").path("ports").get(0).asText()).isEqualTo("8080:8080");

        services.fields().forEachRemaining(service -> {
            JsonNode definition = service.getValue();
            boolean oneShot = "no".equals(definition.path("restart").asText());
            if (!oneShot) {
                assertThat(definition.path("healthcheck").path("test").isMissingNode())
                        .as(service.getKey() + " has a healthcheck").isFalse();
            }
            definition.path("depends_on").fields().forEachRemaining(dependency ->
                    assertThat(dependency.getValue().path("condition").asText()).as(service.getKey() + " waits for "
                            + dependency.getKey()).isIn("service_healthy", "service_completed_successfully"));
        });
        for (String stateful : List.of("postgres", "redis", "kafka", "minio")) {
            assertThat(services.path(stateful).path("volumes").get(0).asText())
                    .as(stateful + " keeps its data in a named volume").doesNotStartWith(".").contains(":");
        }
        for (String service : List.of("auth-service", "chat-service", "history-service", "presence-service",
                "gateway-1", "gateway-2")) {
            assertThat(services.path(service).path("read_only").asBoolean()).as(service + " read-only").isTrue();
        }
    }

    @Test
    void givesEachServiceTheSettingsItReads() throws Exception {
        JsonNode services = compose().path("services");
        for (String service : List.of("auth-service", "chat-service", "history-service")) {
            assertThat(services.path(service).path("environment").path("POSTGRES_HOST").asText()).isEqualTo("postgres");
        }
        assertThat(services.path("gateway-1").path("environment").path("REDIS_URL").asText())
                .isEqualTo("redis://redis:6379");
        assertThat(services.path("chat-service").path("environment").path("S3_ENDPOINT").asText())
                .isEqualTo("http://minio:9000");
        assertThat(services.path("gateway-2").path("environment").path("KAFKA_BOOTSTRAP_SERVERS").asText())
                .isEqualTo("kafka:9092");
        String init = Files.readString(ProjectFiles.resolve("deploy/compose/postgres-init.sql"));
        assertThat(init).contains("CREATE DATABASE auth;", "CREATE DATABASE chat;", "CREATE DATABASE history;");
    }
}
