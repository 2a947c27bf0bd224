package io.chatsuite.chat.service;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.chatsuite.chat.ChatTestSupport;
import io.chatsuite.chat.ChatTestSupport.Frames;
import io.chatsuite.chat.ChatTestSupport.TestUser;
import io.chatsuite.contracts.chat.MessageFormat;
import io.chatsuite.contracts.chat.SendMessage;
import io.chatsuite.devstack.testing.LocalStackTestResource;
import io.chatsuite.devstack.testing.TestTokenIssuer;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The meters operators alert on, read from /q/metrics after real commands through Kafka. */
@QuarkusTest
@WithTestResource(LocalStackTestResource.class)
@WithTestResource(TestTokenIssuer.class)
class CommandMetricsTests {

    private static final String ACCEPTED_SENDS = "chat_commands_processed_total{outcome=\"accepted\",type=\"send\"}";
    private static final String REFUSED_SENDS = "chat_commands_processed_total{outcome=\"not_found\",type=\"send\"}";

    @Inject
    ChatTestSupport chat;

    @Test
    void countsCommandsByTypeAndOutcomeAndExposesConsumerLag() {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        TestUser alice = chat.newUser("alice" + suffix);
        TestUser bob = chat.newUser("bob" + suffix);
        chat.awaitKnown(alice, bob);
        UUID room = UUID.fromString(given().auth().oauth2(alice.token()).contentType(ContentType.JSON)
                .body(Map.of("name", "Metered " + suffix, "isPublic", false))
                .post("/api/rooms").then().statusCode(200).extract().path("conversation.id"));
        double acceptedBefore = value(ACCEPTED_SENDS);
        double refusedBefore = value(REFUSED_SENDS);
        Frames frames = chat.listen(alice);

        chat.send(new SendMessage("ok-1", room, alice.id(), alice.session(), Instant.now(), "hi",
                MessageFormat.PLAIN, null, List.of()));
        chat.send(new SendMessage("nowhere-1", UUID.randomUUID(), alice.id(), alice.session(), Instant.now(), "hi",
                MessageFormat.PLAIN,
                null, List.of()));
        frames.awaitReply("ok-1");
        frames.awaitReply("nowhere-1");

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            assertThat(value(ACCEPTED_SENDS)).isEqualTo(acceptedBefore + 1);
            assertThat(value(REFUSED_SENDS)).isEqualTo(refusedBefore + 1);
        });
        // The Kafka client binder's lag of the chat.commands consumer: what autoscaling and alerts watch.
        assertThat(scrape()).contains("kafka_consumer_fetch_manager_records_lag_max");
    }

    private static String scrape() {
        return given().get("/q/metrics").then().statusCode(200).extract().asString();
    }

    private static double value(String sample) {
        String name = sample.substring(0, sample.indexOf('{'));
        String labels = sample.substring(sample.indexOf('{'));
        Matcher line = Pattern.compile("^" + Pattern.quote(name) + "(\\{[^}]*\\}) (\\S+)$", Pattern.MULTILINE)
                .matcher(scrape());
        while (line.find()) {
            if (line.group(1).equals(labels)) {
                return Double.parseDouble(line.group(2));
            }
        }
        return 0;
    }
}
