package io.chatsuite.chat.service;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.chatsuite.chat.ChatTestSupport;
import io.chatsuite.chat.ChatTestSupport.Frames;
import io.chatsuite.chat.ChatTestSupport.TestUser;
import io.chatsuite.contracts.Topic;
import io.chatsuite.contracts.chat.MessageFormat;
import io.chatsuite.contracts.chat.SendMessage;
import io.chatsuite.devstack.testing.DeadLetterTopic;
import io.chatsuite.devstack.testing.LocalStackTestResource;
import io.chatsuite.devstack.testing.TestTokenIssuer;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/**
 * Issue 17: one command that can never be stored must not stop chat.commands for everyone. The poison is refused to
 * its sender (or, unreadable, has no sender to tell), kept on chat.commands.dead-letter and counted; the commands
 * around it in the batch are decided; the service stays ready.
 */
@QuarkusTest
@WithTestResource(LocalStackTestResource.class)
@WithTestResource(TestTokenIssuer.class)
class PoisonCommandTests {

    @Inject
    ChatTestSupport chat;

    @Inject
    MeterRegistry metrics;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @Test
    void aPoisonCommandIsRefusedAndDeadLetteredAndTheRestOfItsBatchIsDecided() {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        TestUser alice = chat.newUser("alice" + suffix);
        chat.awaitKnown(chat.newUser("bob" + suffix), alice);
        UUID room = UUID.fromString(given().auth().oauth2(alice.token()).contentType(ContentType.JSON)
                .body(Map.of("name", "Poison " + suffix, "isPublic", false))
                .post("/api/rooms").then().statusCode(200).extract().path("conversation.id"));
        Frames frames = chat.listen(alice);
        double deadBefore = deadLetters();
        // Longer than the idempotency key's column: passes every check in Java, fails in PostgreSQL (22001).
        String overlongId = "x".repeat(65);

        chat.send(send(alice, room, "before", "first"));
        chat.send(send(alice, room, "nul", "a NUL \u0000 no store can hold"));
        chat.send(send(alice, room, overlongId, "an id too long to remember"));
        RecordMetadata unreadable = chat.sendRaw(Topic.CHAT_COMMANDS.topicName(), room.toString(),
                "{\"type\":\"send\",");
        chat.send(send(alice, room, "after", "last"));

        assertThat(frames.awaitReply("before").path("type").asText()).isEqualTo("ack");
        assertThat(frames.awaitReply("after").path("type").asText()).isEqualTo("ack");
        assertThat(frames.awaitReply("nul").path("code").asText()).isEqualTo("invalid_field");
        assertThat(frames.awaitReply("nul").path("message").asText()).startsWith("body:");
        assertThat(frames.awaitReply(overlongId).path("code").asText()).isEqualTo("invalid_field");
        List<ConsumerRecord<String, String>> dead = DeadLetterTopic.awaitRecords(bootstrapServers, Topic.CHAT_COMMANDS,
                records ->
                records.stream().anyMatch(record -> record.value().contains(overlongId))
                        && records.stream().anyMatch(record -> record.value().equals("{\"type\":\"send\",")));
        assertThat(dead).as("the unreadable record, with where it came from")
                .anyMatch(record -> DeadLetterTopic.isDeadLetterOf(record, unreadable));
        assertThat(deadLetters() - deadBefore).isEqualTo(2);
        assertThat(frames.events("message.created")).extracting(event -> event.path("body").asText())
                .containsExactly("first", "last");
        given().get("/q/health/ready").then().statusCode(200);
    }

    private static SendMessage send(TestUser sender, UUID room, String clientId, String body) {
        return new SendMessage(clientId, room, sender.id(), sender.session(), Instant.now(), body,
                MessageFormat.MARKDOWN, null, List.of());
    }

    private double deadLetters() {
        Counter counter = metrics.find("chatsuite.dead.letters").tag("channel", CommandPipeline.CHANNEL).counter();
        return counter == null ? 0 : counter.count();
    }
}
