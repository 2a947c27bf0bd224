package io.chatsuite.chat.service;

import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.UUID;
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

    /** Completes when Kafka has acknowledged the record (acks=all). */
    public Uni<Void> publish(UUID conversationId, String payload) {
        return events.sendMessage(Message.of(payload).addMetadata(
                OutgoingKafkaRecordMetadata.<String>builder().withKey(conversationId.toString()).build()));
    }
}
