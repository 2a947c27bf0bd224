package io.chatsuite.devstack.testing;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.not;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.sql.DataSource;

/** Checks every service's tests make of its wiring to real infrastructure, written once. */
public final class ServiceChecks {

    /** The names Quarkus gives its readiness checks. */
    public static final String REACTIVE_POSTGRES = "Reactive PostgreSQL connections health check";
    public static final String JDBC_POSTGRES = "Database connections health check";
    public static final String REDIS = "Redis connection health check";
    public static final String KAFKA = "Kafka connection health check";
    /** service-kit's SessionRevocationReadiness: the last token lifetime of revocations has been read. */
    public static final String SESSION_REVOCATIONS = "Session revocations replayed";

    /** Flyway's versioned migration file name: V{version}__{description}.sql. */
    private static final Pattern MIGRATION = Pattern.compile("V(\\d+)__.+\\.sql");

    private ServiceChecks() {
    }

    /** Readiness answers UP, and each named dependency check is present and UP. */
    public static void assertReadyWith(String... checks) {
        // Readiness also waits for the replay of recent session revocations, which ends a moment after start.
        await().atMost(Duration.ofSeconds(30)).until(() -> given().get("/q/health/ready").statusCode() == 200);
        var response = given().when().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));
        for (String check : checks) {
            response.body("checks.find { it.name == '" + check + "' }.status", equalTo("UP"));
        }
    }

    /** The OpenAPI document, Swagger UI and Prometheus metrics are served. */
    public static void assertServesApiDocsAndMetrics(String applicationName) {
        given().queryParam("format", "json").when().get("/q/openapi").then().statusCode(200)
                .body("info.title", equalTo(applicationName));
        given().when().get("/q/swagger-ui/").then().statusCode(200);
        given().when().get("/q/metrics").then().statusCode(200)
                .body(containsString("jvm_memory_used_bytes"));
    }

    /**
     * Flyway applied every migration the service ships, and each succeeded: the applied versions are exactly those of
     * the files in the module's {@code src/main/resources/db/migration} (the test's working directory is the module).
     */
    public static void assertFullyMigrated(DataSource dataSource) throws SQLException, IOException {
        Path migrations = Path.of("src/main/resources/db/migration");
        List<Integer> shipped;
        try (Stream<Path> files = Files.list(migrations)) {
            shipped = files.map(file -> MIGRATION.matcher(file.getFileName().toString()))
                    .filter(Matcher::matches)
                    .map(name -> Integer.parseInt(name.group(1)))
                    .sorted()
                    .toList();
        }
        org.hamcrest.MatcherAssert.assertThat("migrations shipped in " + migrations.toAbsolutePath(), shipped,
                not(empty()));
        List<Integer> applied = new ArrayList<>();
        try (Connection connection = dataSource.getConnection();
             Statement statement = connection.createStatement();
             ResultSet result = statement.executeQuery("SELECT version::int, success FROM flyway_schema_history"
                     + " WHERE version IS NOT NULL ORDER BY version::int")) {
            while (result.next()) {
                org.hamcrest.MatcherAssert.assertThat("migration " + result.getInt(1) + " succeeded",
                        result.getBoolean(2), equalTo(true));
                applied.add(result.getInt(1));
            }
        }
        org.hamcrest.MatcherAssert.assertThat("applied schema versions", applied, equalTo(shipped));
    }
}
