package io.chatsuite.chat.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.chatsuite.chat.repository.ConversationRepository;
import io.chatsuite.chat.repository.TimelineRepository;
import io.chatsuite.chat.repository.TimelineRepository.PendingEvent;
import io.chatsuite.contracts.chat.ChatEvent;
import io.chatsuite.contracts.chat.ConversationDeleted;
import io.chatsuite.contracts.chat.MemberLeft;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * Moves a conversation's stored events to Kafka and to its members, in seq order.
 *
 * <p>Whoever stored an event (a command batch, a REST call, the relay after a crash) flushes its conversation. The
 * flush holds a PostgreSQL advisory lock on the conversation, so flushes of one conversation never interleave, on
 * any replica: Kafka and Redis see each conversation's events in seq order. An event is marked published only after
 * Kafka acknowledged it; one stored but not yet published is published by the next flush.
 */
@ApplicationScoped
public class ConversationOutbox {

    private static final Logger LOG = Logger.getLogger(ConversationOutbox.class);
    private static final int CHUNK = 1000;

    private final Pool pool;
    private final TimelineRepository timeline;
    private final ConversationRepository conversations;
    private final EventPublisher events;
    private final FrameDelivery delivery;
    private final ObjectMapper json;

    public ConversationOutbox(Pool pool, TimelineRepository timeline, ConversationRepository conversations,
                              EventPublisher events, FrameDelivery delivery,
                              ObjectMapper json) {
        this.pool = pool;
        this.timeline = timeline;
        this.conversations = conversations;
        this.events = events;
        this.delivery = delivery;
        this.json = json;
    }

    /** Publishes and delivers every pending event of the conversation; completes once Kafka holds them all. */
    public Uni<Void> flush(UUID conversationId) {
        return flush(conversationId, EventTraces.current());
    }

    /** The same, each event sent in the trace context of the command that made it. */
    public Uni<Void> flush(UUID conversationId, EventTraces traces) {
        long lockKey = conversationId.getMostSignificantBits() ^ conversationId.getLeastSignificantBits();
        return pool.withConnection(connection -> connection.preparedQuery("SELECT pg_advisory_lock($1)")
                .execute(Tuple.of(lockKey))
                .chain(() -> publishPending(connection, conversationId, traces))
                .eventually(() -> connection.preparedQuery("SELECT pg_advisory_unlock($1)").execute(Tuple.of(lockKey))));
    }

    private Uni<Void> publishPending(SqlConnection connection, UUID conversationId, EventTraces traces) {
        return timeline.unpublished(connection, conversationId, CHUNK).chain(pending -> {
            if (pending.isEmpty()) {
                return Uni.createFrom().voidItem();
            }
            // Sent in seq order on one producer: with idempotence on, Kafka keeps that order within the partition.
            List<Uni<Void>> sends = pending.stream()
                    .map(event -> events.publish(conversationId, event.payload(), traces.of(event.seq()))).toList();
            return Uni.join().all(sends).andFailFast()
                    .chain(() -> timeline.markPublished(connection, conversationId,
                            pending.stream().map(PendingEvent::seq).toList()))
                    .chain(() -> deliver(connection, conversationId, pending, traces))
                    // A backlog (after an outage) goes out a chunk at a time, within the producer's buffer.
                    .chain(() -> pending.size() == CHUNK ? publishPending(connection, conversationId, traces)
                            : Uni.createFrom().voidItem());
        });
    }

    private Uni<Void> deliver(SqlConnection connection, UUID conversationId, List<PendingEvent> pending,
                              EventTraces traces) {
        return conversations.memberIds(connection, conversationId).chain(members -> {
            FrameDelivery.Outgoing frames = delivery.outgoing();
            for (PendingEvent event : pending) {
                Set<UUID> recipients = new LinkedHashSet<>(members);
                // Whoever left (or was removed) still hears of it, so their client can drop the conversation.
                ChatEvent read = read(event.payload());
                if (read instanceof MemberLeft left) {
                    recipients.add(left.userId());
                } else if (read instanceof ConversationDeleted deleted) {
                    recipients.addAll(deleted.formerMembers());
                }
                frames.addAll(recipients, FrameDelivery.eventFrame(event.payload()), traces.of(event.seq()));
            }
            return frames.send().onFailure().invoke(failure -> LOG.warnf(failure,
                    "delivering events of %s through Redis failed; clients recover them by resuming", conversationId))
                    .onFailure().recoverWithNull().replaceWithVoid();
        });
    }

    private ChatEvent read(String payload) {
        try {
            return json.readValue(payload, ChatEvent.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a stored event that cannot be read: " + payload, e);
        }
    }
}
