package io.chatsuite.chat.service;

import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;

/**
 * Puts one command record of a batch on chat.commands.dead-letter. The connector's dead-letter strategy works on
 * whole batches only, so chat-service sends the one poison record itself, with the same headers the connector writes
 * for the other services (reason, cause, and the record's topic, partition and offset): one format for operators.
 */
@ApplicationScoped
public class CommandDeadLetters {

    private final MutinyEmitter<String> deadLetters;

    public CommandDeadLetters(@Channel("commands-dead-letter") MutinyEmitter<String> deadLetters) {
        this.deadLetters = deadLetters;
    }

    /** Completes when Kafka has the dead letter, so the batch's offsets are committed only after that. */
    public Uni<Void> send(CommandRecord record, Throwable reason) {
        RecordHeaders headers = new RecordHeaders();
        header(headers, "dead-letter-reason", String.valueOf(reason.getMessage()));
        Throwable cause = reason.getCause() == null ? reason : reason.getCause();
        header(headers, "dead-letter-cause", String.valueOf(cause.getMessage()));
        header(headers, "dead-letter-cause-class-name", cause.getClass().getName());
        header(headers, "dead-letter-topic", record.topic());
        header(headers, "dead-letter-partition", Integer.toString(record.partition()));
        header(headers, "dead-letter-offset", Long.toString(record.offset()));
        return deadLetters.sendMessage(Message.of(record.payload()).addMetadata(OutgoingKafkaRecordMetadata
                .<String>builder().withKey(record.key()).withHeaders(headers).build()));
    }

    private static void header(RecordHeaders headers, String name, String value) {
        headers.add(name, value.getBytes(StandardCharsets.UTF_8));
    }
}
