package io.chatsuite.chat.repository;

import static io.chatsuite.chat.repository.ConversationRepository.first;
import static io.chatsuite.chat.repository.ConversationRepository.map;
import static io.chatsuite.chat.repository.ConversationRepository.utc;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** The timeline (events, also the outbox), the messages edit and delete refer to, and processed command ids. */
@ApplicationScoped
public class TimelineRepository {

    /** Takes the conversation's next seq; the row lock it holds until commit keeps the sequence gapless. */
    public Uni<Long> nextSeq(SqlClient client, UUID conversationId) {
        return client.preparedQuery("UPDATE conversations SET last_seq = last_seq + 1 WHERE id = $1 RETURNING last_seq")
                .execute(Tuple.of(conversationId))
                .map(rows -> rows.iterator().next().getLong(0));
    }

    public Uni<Void> insertEvent(SqlClient client, UUID conversationId, long seq, String payload, Instant at) {
        return client.preparedQuery(
                        "INSERT INTO events (conversation_id, seq, payload, occurred_at) VALUES ($1, $2, $3, $4)")
                .execute(Tuple.of(conversationId, seq, payload, utc(at))).replaceWithVoid();
    }

    /** The oldest unpublished events of the conversation, at most {@code limit}. */
    public Uni<List<PendingEvent>> unpublished(SqlClient client, UUID conversationId, int limit) {
        return client.preparedQuery("SELECT seq, payload FROM events WHERE conversation_id = $1 AND NOT published"
                        + " ORDER BY seq LIMIT $2")
                .execute(Tuple.of(conversationId, limit))
                .map(rows -> map(rows, row -> new PendingEvent(row.getLong("seq"), row.getString("payload"))));
    }

    public Uni<Void> markPublished(SqlClient client, UUID conversationId, List<Long> seqs) {
        return client.preparedQuery("UPDATE events SET published = true WHERE conversation_id = $1 AND seq = ANY($2)")
                .execute(Tuple.of(conversationId, seqs.toArray(Long[]::new))).replaceWithVoid();
    }

    /** Conversations with events still waiting for Kafka since before {@code olderThan}. */
    public Uni<List<UUID>> staleUnpublished(SqlClient client, Instant olderThan) {
        return client.preparedQuery(
                        "SELECT DISTINCT conversation_id FROM events WHERE NOT published AND occurred_at < $1")
                .execute(Tuple.of(utc(olderThan)))
                .map(rows -> map(rows, row -> row.getUUID("conversation_id")));
    }

    public Uni<Void> insertMessage(SqlClient client, UUID messageId, UUID conversationId, long seq, UUID senderId) {
        return client.preparedQuery(
                        "INSERT INTO messages (message_id, conversation_id, seq, sender_id) VALUES ($1, $2, $3, $4)")
                .execute(Tuple.of(messageId, conversationId, seq, senderId)).replaceWithVoid();
    }

    public Uni<Optional<MessageRow>> message(SqlClient client, UUID conversationId, UUID messageId) {
        return client.preparedQuery(
                        "SELECT sender_id, deleted FROM messages WHERE message_id = $1 AND conversation_id = $2")
                .execute(Tuple.of(messageId, conversationId))
                .map(rows -> first(rows).map(row -> new MessageRow(messageId, row.getUUID("sender_id"),
                        row.getBoolean("deleted"))));
    }

    public Uni<Void> markDeleted(SqlClient client, UUID messageId) {
        return client.preparedQuery("UPDATE messages SET deleted = true WHERE message_id = $1")
                .execute(Tuple.of(messageId)).replaceWithVoid();
    }

    /** The session of commands that came without one (written before commands carried it), and of older rows. */
    public static final UUID NO_SESSION = new UUID(0, 0);

    /**
     * What a command id already produced in this session. A row of the nil session (stored before ids were scoped
     * to sessions) answers too, so a retry that spans the upgrade still gets its first answer.
     */
    public Uni<Optional<ProcessedCommand>> processed(SqlClient client, UUID senderId, UUID sessionId, String clientId) {
        return client.preparedQuery("""
                        SELECT conversation_id, message_id, seq, occurred_at FROM processed_commands
                        WHERE sender_id = $1 AND client_id = $2 AND session_id IN ($3, $4)
                        ORDER BY session_id = $3 DESC LIMIT 1""")
                .execute(Tuple.of(senderId, clientId, orNone(sessionId), NO_SESSION))
                .map(rows -> first(rows).map(row -> new ProcessedCommand(row.getUUID("conversation_id"),
                        row.getUUID("message_id"), row.getLong("seq"),
                                row.getOffsetDateTime("occurred_at").toInstant())));
    }

    public Uni<Void> recordProcessed(SqlClient client, UUID senderId, UUID sessionId, String clientId,
                                     ProcessedCommand result) {
        return client.preparedQuery("""
                        INSERT INTO processed_commands (sender_id, session_id, client_id, conversation_id, message_id,
                                                        seq, occurred_at)
                        VALUES ($1, $2, $3, $4, $5, $6, $7)""")
                .execute(Tuple.from(Arrays.asList(senderId, orNone(sessionId), clientId, result.conversationId(),
                        result.messageId(), result.seq(), utc(result.occurredAt()))))
                .replaceWithVoid();
    }

    private static UUID orNone(UUID sessionId) {
        return sessionId == null ? NO_SESSION : sessionId;
    }

    /** An event stored but not yet acknowledged by Kafka. */
    public record PendingEvent(long seq, String payload) {
    }

    public record MessageRow(UUID messageId, UUID senderId, boolean deleted) {
    }

    /** What a command produced, replayed as the same ack when its id comes again. */
    public record ProcessedCommand(UUID conversationId, UUID messageId, long seq, Instant occurredAt) {
    }
}
