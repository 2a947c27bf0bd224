package io.chatsuite.presence.listener;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import io.chatsuite.contracts.chat.ChatEvent;
import io.chatsuite.contracts.chat.ChatEventHeaders;
import io.chatsuite.contracts.chat.ConversationCreated;
import io.chatsuite.contracts.chat.ConversationDeleted;
import io.chatsuite.contracts.chat.MemberJoined;
import io.chatsuite.contracts.chat.MemberLeft;
import io.chatsuite.kit.consumer.DeadLetterMessage;
import io.chatsuite.kit.consumer.DeadLetteredRecord;
import io.chatsuite.kit.consumer.RecordRetry;
import io.chatsuite.presence.repository.VisibilityGraph;
import io.chatsuite.presence.repository.VisibilityGraph.Position;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.header.Header;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Learns who shares a conversation from chat.events, a batch at a time. Most records are messages, which change
 * nothing here: a record whose type header names an event without a membership change is passed over unread, and
 * the graph's position is saved once per batch, after its changes. A record without the header (published before it
 * existed) is read to find out.
 */
@ApplicationScoped
public class MembershipListener {

    static final String CHANNEL = "chat-events";
    /** Records passed over by their type header, without reading their payload. */
    static final String SKIPPED = "presence.graph.records.skipped";

    private static final Set<String> MEMBERSHIP_TYPES = Set.of(
            ChatEventHeaders.typeName(ConversationCreated.class), ChatEventHeaders.typeName(MemberJoined.class),
            ChatEventHeaders.typeName(MemberLeft.class), ChatEventHeaders.typeName(ConversationDeleted.class));

    private final VisibilityGraph graph;
    private final ObjectReader chatEvents;
    private final RecordRetry retry;
    private final MutinyEmitter<String> deadLetters;
    private final Counter skipped;

    public MembershipListener(VisibilityGraph graph, ObjectMapper json, RecordRetry retry, MeterRegistry metrics,
                              @Channel("chat-events-dead-letter") MutinyEmitter<String> deadLetters) {
        this.graph = graph;
        // Event types presence-service does not know read as null: they only move the position.
        this.chatEvents = json.readerFor(ChatEvent.class).without(DeserializationFeature.FAIL_ON_INVALID_SUBTYPE);
        this.retry = retry;
        this.deadLetters = deadLetters;
        this.skipped = metrics.counter(SKIPPED, "channel", CHANNEL);
    }

    /**
     * Applies the batch's membership changes in order, then saves where each partition stands. Redis being away
     * holds the graph here (retried until it is back) rather than skip a member; a record that can never be read goes
     * to chat.events.dead-letter, and the position moves past it with the rest of the batch.
     */
    @Incoming(CHANNEL)
    public Uni<Void> consume(ConsumerRecords<String, String> records) {
        Map<String, String> positions = new LinkedHashMap<>();
        Uni<Void> changes = Uni.createFrom().voidItem();
        int passedOver = 0;
        for (ConsumerRecord<String, String> record : records) {
            Position position = Position.after(record.topic(), record.partition(), record.offset());
            positions.put(position.field(), position.next());
            String type = typeHeader(record);
            if (type != null && !MEMBERSHIP_TYPES.contains(type)) {
                passedOver++;
                continue;
            }
            changes = changes.chain(() -> applyOrDeadLetter(record));
        }
        skipped.increment(passedOver);
        String batch = records.isEmpty() ? CHANNEL : records.count() + " records of " + CHANNEL;
        return changes.chain(() -> retry.apply(CHANNEL, batch, () -> graph.positions(positions)));
    }

    private Uni<Void> applyOrDeadLetter(ConsumerRecord<String, String> record) {
        return retry.apply(CHANNEL, record, () -> apply(read(record.value())))
                .onFailure(DeadLetteredRecord.class)
                .recoverWithUni(failure -> deadLetters.sendMessage(DeadLetterMessage.of(record, failure)));
    }

    private static String typeHeader(ConsumerRecord<String, String> record) {
        Header header = record.headers().lastHeader(ChatEventHeaders.TYPE);
        return header == null || header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    private ChatEvent read(String payload) {
        try {
            return chatEvents.readValue(payload);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException("unreadable chat event", e);
        }
    }

    private Uni<Void> apply(ChatEvent event) {
        Position position = Position.SAVED_WITH_BATCH;
        if (event instanceof ConversationCreated created) {
            return graph.membersJoined(created.conversationId(),
                    created.members().stream().map(ConversationCreated.Member::userId).toList(), position);
        }
        if (event instanceof MemberJoined joined) {
            return graph.membersJoined(joined.conversationId(), List.of(joined.userId()), position);
        }
        if (event instanceof MemberLeft left) {
            return graph.memberLeft(left.conversationId(), left.userId(), position);
        }
        if (event instanceof ConversationDeleted deleted) {
            // A deleted room no longer lets its former members see each other; each removal is idempotent.
            return Multi.createFrom().iterable(deleted.formerMembers())
                    .onItem().transformToUniAndConcatenate(user -> graph.memberLeft(deleted.conversationId(), user,
                            position))
                    .collect().last().replaceWithVoid();
        }
        return Uni.createFrom().voidItem();
    }
}
