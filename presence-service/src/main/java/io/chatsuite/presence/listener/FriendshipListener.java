package io.chatsuite.presence.listener;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import io.chatsuite.contracts.user.BlockChanged;
import io.chatsuite.contracts.user.FriendshipChanged;
import io.chatsuite.contracts.user.UserEvent;
import io.chatsuite.kit.consumer.DeadLetteredRecord;
import io.chatsuite.kit.consumer.RecordRetry;
import io.chatsuite.presence.repository.VisibilityGraph;
import io.chatsuite.presence.repository.VisibilityGraph.Position;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.UncheckedIOException;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Learns friendships and blocks from user.events. Each event carries the new state, so a repeated record (the
 * outbox delivers at least once) changes nothing.
 */
@ApplicationScoped
public class FriendshipListener {

    static final String CHANNEL = "user-events";

    private final VisibilityGraph graph;
    private final ObjectReader userEvents;
    private final RecordRetry retry;

    public FriendshipListener(VisibilityGraph graph, ObjectMapper json, RecordRetry retry) {
        this.graph = graph;
        // Event types presence-service does not know read as null: they only move the position.
        this.userEvents = json.readerFor(UserEvent.class).without(DeserializationFeature.FAIL_ON_INVALID_SUBTYPE);
        this.retry = retry;
    }

    /**
     * Redis being away holds the graph here (retried until it is back); a record that can never be read goes to
     * user.events.dead-letter, and the graph's position moves past it.
     */
    @Incoming(CHANNEL)
    public Uni<Void> consume(ConsumerRecord<String, String> record) {
        Position position = Position.after(record.topic(), record.partition(), record.offset());
        return retry.apply(CHANNEL, record, () -> apply(read(record.value()), position))
                .onFailure(DeadLetteredRecord.class)
                .call(() -> retry.apply(CHANNEL, record, () -> graph.passed(position)));
    }

    private UserEvent read(String payload) {
        try {
            return userEvents.readValue(payload);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException("unreadable user event", e);
        }
    }

    private Uni<Void> apply(UserEvent event, Position position) {
        if (event instanceof FriendshipChanged friendship) {
            return graph.friendship(friendship.userId(), friendship.otherUserId(),
                    friendship.state() == FriendshipChanged.FriendshipState.FRIENDS, friendship.occurredAt(), position);
        }
        if (event instanceof BlockChanged block) {
            return graph.block(block.userId(), block.blockedUserId(), block.blocked(), position);
        }
        return graph.passed(position);
    }
}
