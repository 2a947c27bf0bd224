package io.chatsuite.history.listener;

import io.chatsuite.history.mapping.EventJson;
import io.chatsuite.history.service.ChatEventProjector;
import io.chatsuite.kit.consumer.RecordRetry;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Consumes chat.events one record at a time. The record is acknowledged (its offset committable) only when the
 * transaction that stores it has committed. While the database is away the record waits; a record that can never
 * be stored or read goes to chat.events.dead-letter (see {@link RecordRetry}) and the timeline goes on.
 */
@ApplicationScoped
public class ChatEventsListener {

    static final String CHANNEL = "chat-events";

    private final EventJson json;
    private final ChatEventProjector projector;
    private final RecordRetry retry;

    public ChatEventsListener(EventJson json, ChatEventProjector projector, RecordRetry retry) {
        this.json = json;
        this.projector = projector;
        this.retry = retry;
    }

    @Incoming(CHANNEL)
    public Uni<Void> consume(ConsumerRecord<String, String> record) {
        return retry.apply(CHANNEL, record, () -> store(record.value()));
    }

    /** Reads and stores one event; fails with the JSON error for an unreadable or unknown event. */
    Uni<Void> store(String payload) {
        return projector.apply(json.chatEvent(payload));
    }
}
