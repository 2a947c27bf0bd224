package io.chatsuite.chat.service;

import io.chatsuite.contracts.chat.ChatEventHeaders;
import io.opentelemetry.context.Context;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.TracingMetadata;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;

/** The one producer of chat.events, keyed by conversation so each conversation keeps one order. */
@ApplicationScoped
public class EventPublisher {

    private final MutinyEmitter<String> events;

    // A flush sends up to a whole batch of events at once; the buffer holds them while Kafka acknowledges.
    public EventPublisher(@Channel("events") @OnOverflow(value = OnOverflow.Strategy.BUFFER, bufferSize = 8192)
                          MutinyEmitter<String> events) {
        this.events = events;
    }

    /**
     * Completes when Kafka has acknowledged the record (acks=all). The record's producer span is a child of
     * {@code trace} (its headers carry it on to the consumers): the connector sends later, where the caller's context
     * is no longer current. The event's type travels in a header too, so consumers may pass over types they do not
     * use without reading the payload.
     */
    public Uni<Void> publish(UUID conversationId, String payload, Context trace) {
        RecordHeaders headers = new RecordHeaders();
        String type = ChatEventHeaders.typeOf(payload);
        if (type != null) {
            headers.add(ChatEventHeaders.TYPE, type.getBytes(StandardCharsets.UTF_8));
        }
        return events.sendMessage(Message.of(payload)
                .addMetadata(OutgoingKafkaRecordMetadata.<String>builder().withKey(conversationId.toString())
                        .withHeaders(headers).build())
                .addMetadata(TracingMetadata.withCurrent(trace)));
    }
}
