package io.chatsuite.devstack.testing;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
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

    /** Flyway applied at least {@code version} successfully in the service's own database. */
    public static void assertMigratedTo(DataSource dataSource, int version) throws SQLException {
        try (Connection connection = dataSource.getConnection();
             Statement statement = connection.createStatement();
             ResultSet result = statement.executeQuery(
                     "SELECT max(version::int), bool_and(success) FROM flyway_schema_history WHERE version IS NOT NULL")) {
            result.next();
            org.hamcrest.MatcherAssert.assertThat("applied schema version", result.getInt(1),
                    greaterThanOrEqualTo(version));
            org.hamcrest.MatcherAssert.assertThat("every migration succeeded", result.getBoolean(2), equalTo(true));
        }
    }
}
