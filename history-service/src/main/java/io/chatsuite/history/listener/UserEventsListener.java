package io.chatsuite.history.listener;

import io.chatsuite.history.mapping.EventJson;
import io.chatsuite.history.service.UserProfileProjector;
import io.chatsuite.kit.consumer.RecordRetry;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Consumes user.events for display names, acknowledging each record once stored; a record that can never be stored
 * goes to user.events.dead-letter (see {@link RecordRetry}).
 */
@ApplicationScoped
public class UserEventsListener {

    static final String CHANNEL = "user-events";

    private final EventJson json;
    private final UserProfileProjector projector;
    private final RecordRetry retry;

    public UserEventsListener(EventJson json, UserProfileProjector projector, RecordRetry retry) {
        this.json = json;
        this.projector = projector;
        this.retry = retry;
    }

    @Incoming(CHANNEL)
    public Uni<Void> consume(ConsumerRecord<String, String> record) {
        return retry.apply(CHANNEL, record, () -> store(record.value()));
    }

    /** Stores one event; a type history-service does not use is passed over. */
    Uni<Void> store(String payload) {
        var event = json.userEvent(payload);
        return event == null ? Uni.createFrom().voidItem() : projector.apply(event);
    }
}
