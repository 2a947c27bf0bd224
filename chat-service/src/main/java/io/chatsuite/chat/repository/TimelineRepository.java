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
import java.util.HashMap;
import java.util.Map;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The timeline (events; also the outbox: the events above their conversation's publication watermark), the messages
 * edit and delete refer to, and processed command ids.
 */
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

    /**
     * Takes the session-level advisory locks that make one publisher per conversation (on any replica), in the order
     * given: callers sort the keys, so two publishers never wait on each other in a cycle.
     */
    public Uni<Void> lockPublication(SqlClient client, Long[] lockKeys) {
        return client.preparedQuery("SELECT pg_advisory_lock(k) FROM unnest($1::bigint[]) WITH ORDINALITY AS l(k, i)"
                        + " ORDER BY i")
                .execute(Tuple.of((Object) lockKeys)).replaceWithVoid();
    }

    public Uni<Void> unlockPublication(SqlClient client, Long[] lockKeys) {
        return client.preparedQuery("SELECT pg_advisory_unlock(k) FROM unnest($1::bigint[]) AS l(k)")
                .execute(Tuple.of((Object) lockKeys)).replaceWithVoid();
    }

    /** Each conversation's publication watermark and newest seq; read after its publication lock is held. */
    public Uni<Map<UUID, Watermark>> watermarks(SqlClient client, UUID[] conversationIds) {
        return client.preparedQuery("SELECT id, published_seq, last_seq FROM conversations WHERE id = ANY($1)")
                .execute(Tuple.of((Object) conversationIds))
                .map(rows -> {
                    Map<UUID, Watermark> marks = new HashMap<>();
                    rows.forEach(row -> marks.put(row.getUUID("id"), new Watermark(row.getLong("published_seq"),
                            row.getLong("last_seq"))));
                    return marks;
                });
    }

    /** Stored events of the conversation with {@code after < seq <= upTo}, in seq order, at most {@code limit}. */
    public Uni<List<StoredEvent>> events(SqlClient client, UUID conversationId, long after, long upTo, int limit) {
        return client.preparedQuery("SELECT seq, payload FROM events WHERE conversation_id = $1 AND seq > $2"
                        + " AND seq <= $3 ORDER BY seq LIMIT $4")
                .execute(Tuple.of(conversationId, after, upTo, limit))
                .map(rows -> map(rows, row -> new StoredEvent(conversationId, row.getLong("seq"),
                        row.getString("payload"))));
    }

    /**
     * Records that Kafka holds each conversation's events up to {@code seqs[i]} (the watermark only moves forward)
     * and releases the publication locks. Two statements, sent together (the connection pipelines them): the
     * watermark's own statement commits before the unlock runs. In one statement the unlock came first, before the
     * implicit commit, and the next publisher of the conversation could read the old watermark and send its events
     * again.
     */
    public Uni<Void> recordPublishedAndUnlock(SqlClient client, UUID[] conversationIds, Long[] seqs,
                                              Long[] lockKeys) {
        Uni<Void> recorded = client.preparedQuery("""
                        UPDATE conversations c SET published_seq = GREATEST(c.published_seq, k.seq)
                        FROM unnest($1::uuid[], $2::bigint[]) AS k(id, seq) WHERE c.id = k.id""")
                .execute(Tuple.of(conversationIds, seqs)).replaceWithVoid();
        return Uni.combine().all().unis(recorded, unlockPublication(client, lockKeys)).discardItems();
    }

    /** Conversations whose oldest event not yet on Kafka was stored before {@code olderThan}. */
    public Uni<List<UUID>> staleUnpublished(SqlClient client, Instant olderThan) {
        return client.preparedQuery("""
                        SELECT c.id FROM conversations c
                        JOIN events e ON e.conversation_id = c.id AND e.seq = c.published_seq + 1
                        WHERE c.last_seq > c.published_seq AND e.occurred_at < $1""")
                .execute(Tuple.of(utc(olderThan)))
                .map(rows -> map(rows, row -> row.getUUID("id")));
    }

    /**
     * {@code threadRootId}: the thread's root message for a thread reply, null for a message of the main list;
     * {@code alsoToConversation}: a thread reply shown in the main list too.
     */
    public Uni<Void> insertMessage(SqlClient client, UUID messageId, UUID conversationId, long seq, UUID senderId,
                                   UUID threadRootId, boolean alsoToConversation) {
        return client.preparedQuery("""
                        INSERT INTO messages (message_id, conversation_id, seq, sender_id, thread_root_id,
                                              also_to_conversation)
                        VALUES ($1, $2, $3, $4, $5, $6)""")
                .execute(Tuple.of(messageId, conversationId, seq, senderId, threadRootId, alsoToConversation))
                .replaceWithVoid();
    }

    public Uni<Optional<MessageRow>> message(SqlClient client, UUID conversationId, UUID messageId) {
        return client.preparedQuery(
                        "SELECT seq, sender_id, deleted FROM messages WHERE message_id = $1 AND conversation_id = $2")
                .execute(Tuple.of(messageId, conversationId))
                .map(rows -> first(rows).map(row -> new MessageRow(messageId, row.getLong("seq"),
                        row.getUUID("sender_id"), row.getBoolean("deleted"))));
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

    /** Every event up to {@code publishedSeq} is on Kafka; the events above it, up to {@code lastSeq}, are not yet. */
    public record Watermark(long publishedSeq, long lastSeq) {
    }

    public record MessageRow(UUID messageId, long seq, UUID senderId, boolean deleted) {
    }

    /** What a command produced, replayed as the same ack when its id comes again. */
    public record ProcessedCommand(UUID conversationId, UUID messageId, long seq, Instant occurredAt) {
    }
}
