package io.chatsuite.auth;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.hasItems;

import io.chatsuite.devstack.testing.LocalStackTestResource;
import io.chatsuite.devstack.testing.ServiceChecks;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(LocalStackTestResource.class)
class AuthServiceReadinessTests {

    @Inject
    DataSource dataSource;

    @Test
    void isReadyOnlyWithItsRealDependenciesReachable() {
        ServiceChecks.assertReadyWith(
                ServiceChecks.REACTIVE_POSTGRES,
                ServiceChecks.JDBC_POSTGRES,
                ServiceChecks.KAFKA,
                ServiceChecks.SESSION_REVOCATIONS,
                "Signing keys");
    }

    @Test
    void servesItsApiDocumentAndMetrics() {
        ServiceChecks.assertServesApiDocsAndMetrics("auth-service");
    }

    @Test
    void itsApiDocumentDescribesEveryEndpoint() {
        given().queryParam("format", "json").get("/q/openapi").then().statusCode(200)
                .body("paths.keySet()", hasItems("/api/auth/register", "/api/auth/login", "/api/auth/refresh",
                        "/api/auth/logout", "/api/auth/jwks", "/api/users", "/api/users/me", "/api/users/{id}",
                        "/api/friends", "/api/friends/{userId}", "/api/friends/requests",
                        "/api/friends/requests/incoming", "/api/friends/requests/outgoing",
                        "/api/friends/requests/{userId}", "/api/friends/requests/{userId}/accept",
                        "/api/friends/requests/{userId}/decline", "/api/blocks", "/api/blocks/{userId}"))
                .body("paths.'/api/auth/login'.post.responses.keySet()", hasItems("200", "401", "429"));
    }

    @Test
    void appliesItsOwnMigrations() throws Exception {
        ServiceChecks.assertFullyMigrated(dataSource);
    }
}
