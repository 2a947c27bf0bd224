package io.chatsuite.auth.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.chatsuite.auth.model.OutboxEvent;
import io.chatsuite.auth.repository.OutboxEventRepository;
import io.chatsuite.contracts.user.UserEvent;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.function.Supplier;

/**
 * Publishes user.events through the transactional outbox: an event is a row written in the transaction of the change
 * it describes, so it exists exactly when the change does, and {@link UserEventRelay} takes it to Kafka.
 */
@ApplicationScoped
public class UserEvents {

    private final OutboxEventRepository outbox;
    private final UserEventRelay relay;
    private final ObjectMapper json;

    public UserEvents(OutboxEventRepository outbox, UserEventRelay relay, ObjectMapper json) {
        this.outbox = outbox;
        this.relay = relay;
        this.json = json;
    }

    /** Runs the work in one transaction, then wakes the relay so the events it published leave at once. */
    public <T> Uni<T> inTransaction(Supplier<Uni<T>> work) {
        return Panache.withTransaction(work).invoke(relay::relaySoon);
    }

    /** Adds the event to the current transaction. */
    public Uni<Void> publish(UserEvent event) {
        OutboxEvent row = new OutboxEvent();
        row.eventKey = event.userId().toString();
        row.payload = toJson(event);
        row.createdAt = event.occurredAt();
        return outbox.persist(row).replaceWithVoid();
    }

    private String toJson(UserEvent event) {
        try {
            return json.writeValueAsString(event);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialize " + event, e);
        }
    }
}
