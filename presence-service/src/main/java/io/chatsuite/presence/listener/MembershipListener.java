package io.chatsuite.presence.listener;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.chatsuite.contracts.chat.ChatEvent;
import io.chatsuite.contracts.chat.ConversationCreated;
import io.chatsuite.contracts.chat.ConversationDeleted;
import io.chatsuite.contracts.chat.MemberJoined;
import io.chatsuite.contracts.chat.MemberLeft;
import io.chatsuite.presence.repository.VisibilityGraph;
import io.chatsuite.presence.repository.VisibilityGraph.Position;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/** Learns who shares a conversation from chat.events; every other event only moves the graph's position. */
@ApplicationScoped
public class MembershipListener {

    private static final Logger LOG = Logger.getLogger(MembershipListener.class);

    private final VisibilityGraph graph;
    private final ObjectMapper json;

    public MembershipListener(VisibilityGraph graph, ObjectMapper json) {
        this.graph = graph;
        this.json = json;
    }

    @Incoming("chat-events")
    public Uni<Void> consume(ConsumerRecord<String, String> record) {
        Position position = Position.after(record.topic(), record.partition(), record.offset());
        ChatEvent event;
        try {
            event = json.readValue(record.value(), ChatEvent.class);
        } catch (JsonProcessingException e) {
            LOG.errorf("skipping an unreadable chat event: %s", e.getOriginalMessage());
            return graph.passed(position);
        }
        Uni<Void> change;
        if (event instanceof ConversationCreated created) {
            change = graph.membersJoined(created.conversationId(),
                    created.members().stream().map(ConversationCreated.Member::userId).toList(), position);
        } else if (event instanceof MemberJoined joined) {
            change = graph.membersJoined(joined.conversationId(), java.util.List.of(joined.userId()), position);
        } else if (event instanceof MemberLeft left) {
            change = graph.memberLeft(left.conversationId(), left.userId(), position);
        } else if (event instanceof ConversationDeleted deleted) {
            // A deleted room no longer lets its former members see each other; each removal is idempotent.
            change = Multi.createFrom().iterable(deleted.formerMembers())
                    .onItem().transformToUniAndConcatenate(user -> graph.memberLeft(deleted.conversationId(), user,
                            position))
                    .collect().last().chain(() -> graph.passed(position));
        } else {
            change = graph.passed(position);
        }
        // Redis being away stops the graph here (the channel fails and readiness says so) rather than skip a member.
        return change.onFailure().retry().withBackOff(Duration.ofMillis(200), Duration.ofSeconds(2)).atMost(10);
    }
}
