package io.chatsuite.presence.listener;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import io.chatsuite.contracts.chat.ChatEvent;
import io.chatsuite.contracts.chat.ConversationCreated;
import io.chatsuite.contracts.chat.ConversationDeleted;
import io.chatsuite.contracts.chat.MemberJoined;
import io.chatsuite.contracts.chat.MemberLeft;
import io.chatsuite.kit.consumer.DeadLetteredRecord;
import io.chatsuite.kit.consumer.RecordRetry;
import io.chatsuite.presence.repository.VisibilityGraph;
import io.chatsuite.presence.repository.VisibilityGraph.Position;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.UncheckedIOException;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/** Learns who shares a conversation from chat.events; every other event only moves the graph's position. */
@ApplicationScoped
public class MembershipListener {

    static final String CHANNEL = "chat-events";

    private final VisibilityGraph graph;
    private final ObjectReader chatEvents;
    private final RecordRetry retry;

    public MembershipListener(VisibilityGraph graph, ObjectMapper json, RecordRetry retry) {
        this.graph = graph;
        // Event types presence-service does not know read as null: they only move the position.
        this.chatEvents = json.readerFor(ChatEvent.class).without(DeserializationFeature.FAIL_ON_INVALID_SUBTYPE);
        this.retry = retry;
    }

    /**
     * Redis being away holds the graph here (retried until it is back) rather than skip a member; a record that can
     * never be read goes to chat.events.dead-letter, and the graph's position moves past it.
     */
    @Incoming(CHANNEL)
    public Uni<Void> consume(ConsumerRecord<String, String> record) {
        Position position = Position.after(record.topic(), record.partition(), record.offset());
        return retry.apply(CHANNEL, record, () -> apply(read(record.value()), position))
                .onFailure(DeadLetteredRecord.class)
                .call(() -> retry.apply(CHANNEL, record, () -> graph.passed(position)));
    }

    private ChatEvent read(String payload) {
        try {
            return chatEvents.readValue(payload);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException("unreadable chat event", e);
        }
    }

    private Uni<Void> apply(ChatEvent event, Position position) {
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
                    .collect().last().chain(() -> graph.passed(position));
        }
        return graph.passed(position);
    }
}
