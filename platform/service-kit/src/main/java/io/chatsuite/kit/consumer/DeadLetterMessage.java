package io.chatsuite.kit.consumer;

import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.eclipse.microprofile.reactive.messaging.Message;

/**
 * The dead letter of one record of a batch, for a channel that consumes in batches: the connector's dead-letter
 * strategy works on whole batches only, so such a consumer sends the one poison record itself, through an emitter of
 * its own, with the headers the connector writes for the others (reason, cause, and the record's topic, partition and
 * offset): one format for operators (docs/operations.md, Dead letters).
 */
public final class DeadLetterMessage {

    private DeadLetterMessage() {
    }

    /** The record's key and value, with the reason it was given up (a {@link DeadLetteredRecord}, usually). */
    public static Message<String> of(ConsumerRecord<String, String> record, Throwable reason) {
        return of(record.topic(), record.partition(), record.offset(), record.key(), record.value(), reason);
    }

    /** The same for a record the consumer holds in a form of its own: where it was read, its key and value. */
    public static Message<String> of(String topic, int partition, long offset, String key, String value,
                                     Throwable reason) {
        RecordHeaders headers = new RecordHeaders();
        header(headers, "dead-letter-reason", String.valueOf(reason.getMessage()));
        Throwable cause = reason.getCause() == null ? reason : reason.getCause();
        header(headers, "dead-letter-cause", String.valueOf(cause.getMessage()));
        header(headers, "dead-letter-cause-class-name", cause.getClass().getName());
        header(headers, "dead-letter-topic", topic);
        header(headers, "dead-letter-partition", Integer.toString(partition));
        header(headers, "dead-letter-offset", Long.toString(offset));
        return Message.of(value).addMetadata(OutgoingKafkaRecordMetadata.<String>builder()
                .withKey(key).withHeaders(headers).build());
    }

    private static void header(RecordHeaders headers, String name, String value) {
        headers.add(name, value.getBytes(StandardCharsets.UTF_8));
    }
}
