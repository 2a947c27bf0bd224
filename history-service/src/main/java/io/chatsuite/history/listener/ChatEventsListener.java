package io.chatsuite.history.listener;

import io.chatsuite.contracts.chat.ChatEvent;
import io.chatsuite.history.mapping.EventJson;
import io.chatsuite.history.service.ChatEventProjector;
import io.chatsuite.kit.consumer.DeadLetterMessage;
import io.chatsuite.kit.consumer.DeadLetteredRecord;
import io.chatsuite.kit.consumer.FailureKind;
import io.chatsuite.kit.consumer.RecordRetry;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/**
 * Consumes chat.events a batch at a time and projects the batch in one transaction. The batch is acknowledged (its
 * offsets committable) only when that transaction has committed. While the database is away the batch waits. A
 * record that can never be read goes to chat.events.dead-letter at once; when the batch fails on its data (a value
 * PostgreSQL refuses), its events are applied one by one, each retried and dead-lettered alone like a record of a
 * one-record channel ({@link RecordRetry}), so one poison event never holds back the others.
 */
@ApplicationScoped
public class ChatEventsListener {

    private static final Logger LOG = Logger.getLogger(ChatEventsListener.class);
    static final String CHANNEL = "chat-events";

    private final EventJson json;
    private final ChatEventProjector projector;
    private final RecordRetry retry;
    private final MutinyEmitter<String> deadLetters;

    public ChatEventsListener(EventJson json, ChatEventProjector projector, RecordRetry retry,
                              @Channel("chat-events-dead-letter") MutinyEmitter<String> deadLetters) {
        this.json = json;
        this.projector = projector;
        this.retry = retry;
        this.deadLetters = deadLetters;
    }

    @Incoming(CHANNEL)
    public Uni<Void> consume(ConsumerRecords<String, String> batch) {
        List<ConsumerRecord<String, String>> records = new ArrayList<>(batch.count());
        batch.forEach(records::add);
        return project(records);
    }

    /** The records of a batch, in the order Kafka gave them (each partition's in offset order). */
    Uni<Void> project(List<ConsumerRecord<String, String>> records) {
        List<ConsumerRecord<String, String>> readable = new ArrayList<>();
        List<ChatEvent> events = new ArrayList<>();
        Uni<Void> unreadable = Uni.createFrom().voidItem();
        for (ConsumerRecord<String, String> record : records) {
            try {
                events.add(json.chatEvent(record.value()));
                readable.add(record);
            } catch (IllegalArgumentException e) {
                // Unreadable or of an unknown type: no retry can change that, and skipping it silently would leave
                // a hole in a timeline, so it is kept as a dead letter.
                unreadable = unreadable.chain(() -> deadLetter(record, new DeadLetteredRecord(
                        "unreadable chat event " + RecordRetry.coordinates(record), e)));
            }
        }
        return unreadable.chain(() -> events.isEmpty() ? Uni.createFrom().voidItem() : store(readable, events));
    }

    private Uni<Void> store(List<ConsumerRecord<String, String>> records, List<ChatEvent> events) {
        String batch = RecordRetry.coordinates(records.get(0)) + " and " + (records.size() - 1) + " more";
        return retry.throughOutages(CHANNEL, batch, () -> projector.apply(events))
                .onFailure(failure -> FailureKind.of(failure) == FailureKind.DATA).recoverWithUni(failure -> {
                    LOG.warnf("A batch of chat events failed on its data (%s); applying its %d events one by one",
                            failure.toString(), events.size());
                    return Multi.createFrom().range(0, events.size())
                            .onItem().transformToUniAndConcatenate(i -> storeAlone(records.get(i), events.get(i)))
                            .collect().last().replaceWithVoid();
                });
    }

    private Uni<Void> storeAlone(ConsumerRecord<String, String> record, ChatEvent event) {
        return retry.apply(CHANNEL, record, () -> projector.apply(event))
                .onFailure(DeadLetteredRecord.class)
                .recoverWithUni(failure -> deadLetters.sendMessage(DeadLetterMessage.of(record, failure)));
    }

    private Uni<Void> deadLetter(ConsumerRecord<String, String> record, DeadLetteredRecord reason) {
        retry.deadLettered(CHANNEL, RecordRetry.coordinates(record), reason.getCause());
        return deadLetters.sendMessage(DeadLetterMessage.of(record, reason));
    }
}
