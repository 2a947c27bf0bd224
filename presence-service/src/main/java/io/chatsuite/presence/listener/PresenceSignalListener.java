package io.chatsuite.presence.listener;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.chatsuite.contracts.presence.PresenceSignal;
import io.chatsuite.kit.consumer.RecordRetry;
import io.chatsuite.presence.service.PresenceSignals;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.UncheckedIOException;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Reads presence.signals in order and applies each. Redis being away holds the stream (retried until it is back: a
 * heartbeat applied late only sets a deadline already past); a signal that can never be read or applied goes to
 * presence.signals.dead-letter ({@link RecordRetry}) and the node's next snapshot repairs what it left out.
 */
@ApplicationScoped
public class PresenceSignalListener {

    static final String CHANNEL = "signals";

    private final PresenceSignals signals;
    private final ObjectMapper json;
    private final RecordRetry retry;

    public PresenceSignalListener(PresenceSignals signals, ObjectMapper json, RecordRetry retry) {
        this.signals = signals;
        this.json = json;
        this.retry = retry;
    }

    @Incoming(CHANNEL)
    public Uni<Void> consume(ConsumerRecord<String, String> record) {
        return retry.apply(CHANNEL, record, () -> signals.apply(read(record.value())));
    }

    private PresenceSignal read(String payload) {
        try {
            return json.readValue(payload, PresenceSignal.class);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException("unreadable presence signal", e);
        }
    }
}
