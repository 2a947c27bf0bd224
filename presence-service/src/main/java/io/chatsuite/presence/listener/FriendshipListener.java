package io.chatsuite.presence.listener;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.chatsuite.contracts.user.BlockChanged;
import io.chatsuite.contracts.user.FriendshipChanged;
import io.chatsuite.contracts.user.UserEvent;
import io.chatsuite.presence.repository.VisibilityGraph;
import io.chatsuite.presence.repository.VisibilityGraph.Position;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/**
 * Learns friendships and blocks from user.events. Each event carries the new state, so a repeated record (the
 * outbox delivers at least once) changes nothing.
 */
@ApplicationScoped
public class FriendshipListener {

    private static final Logger LOG = Logger.getLogger(FriendshipListener.class);

    private final VisibilityGraph graph;
    private final ObjectMapper json;

    public FriendshipListener(VisibilityGraph graph, ObjectMapper json) {
        this.graph = graph;
        this.json = json;
    }

    @Incoming("user-events")
    public Uni<Void> consume(ConsumerRecord<String, String> record) {
        Position position = Position.after(record.topic(), record.partition(), record.offset());
        UserEvent event;
        try {
            event = json.readValue(record.value(), UserEvent.class);
        } catch (JsonProcessingException e) {
            LOG.errorf("skipping an unreadable user event: %s", e.getOriginalMessage());
            return graph.passed(position);
        }
        Uni<Void> change;
        if (event instanceof FriendshipChanged friendship) {
            change = graph.friendship(friendship.userId(), friendship.otherUserId(),
                    friendship.state() == FriendshipChanged.FriendshipState.FRIENDS, friendship.occurredAt(), position);
        } else if (event instanceof BlockChanged block) {
            change = graph.block(block.userId(), block.blockedUserId(), block.blocked(), position);
        } else {
            change = graph.passed(position);
        }
        return change.onFailure().retry().withBackOff(Duration.ofMillis(200), Duration.ofSeconds(2)).atMost(10);
    }
}
