package io.chatsuite.auth.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.chatsuite.devstack.testing.LocalStackTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Refused logins are counted by reason at /q/metrics, the signal of someone guessing passwords. */
@QuarkusTest
@WithTestResource(LocalStackTestResource.class)
class LoginMetricsTests {

    private static final String WRONG = "chat_auth_logins_refused_total{reason=\"wrong_credentials\"}";

    @Test
    void aWrongPasswordIsCountedAsARefusedLogin() {
        double before = value(WRONG);
        given().contentType(ContentType.JSON)
                .body(Map.of("username", "nobody" + UUID.randomUUID().toString().substring(0, 8),
                        "password", "not-the-password-1"))
                .post("/api/auth/login").then().statusCode(401);

        assertThat(value(WRONG)).isEqualTo(before + 1);
    }

    private static double value(String sample) {
        String name = sample.substring(0, sample.indexOf('{'));
        String labels = sample.substring(sample.indexOf('{'));
        String scrape = given().get("/q/metrics").then().statusCode(200).extract().asString();
        Matcher line = Pattern.compile("^" + Pattern.quote(name) + "(\\{[^}]*\\}) (\\S+)$", Pattern.MULTILINE)
                .matcher(scrape);
        while (line.find()) {
            if (line.group(1).equals(labels)) {
                return Double.parseDouble(line.group(2));
            }
        }
        return 0;
    }
}
