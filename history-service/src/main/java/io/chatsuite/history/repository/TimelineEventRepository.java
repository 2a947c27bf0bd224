package io.chatsuite.history.repository;

import static io.chatsuite.history.repository.Columns.utc;

import io.chatsuite.contracts.chat.TimelineEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.UUID;

/** Every timeline event as published, keyed by (conversation, seq): the idempotency gate and the source of sync. */
@ApplicationScoped
public class TimelineEventRepository {

    private final Pool pool;

    public TimelineEventRepository(Pool pool) {
        this.pool = pool;
    }

    /** Stores the event unless its seq is already stored; true when it was new. */
    public Uni<Boolean> append(SqlClient tx, TimelineEvent event, UUID messageId, String payload) {
        return tx.preparedQuery("""
                        INSERT INTO timeline_events (conversation_id, seq, message_id, occurred_at, payload)
                        VALUES ($1, $2, $3, $4, $5::text::jsonb)
                        ON CONFLICT (conversation_id, seq) DO NOTHING""")
                .execute(Tuple.of(event.conversationId(), event.seq(), messageId, utc(event.occurredAt()), payload))
                .map(rows -> rows.rowCount() == 1);
    }

    /** Removes a deleted message's body and attachments from every stored event of it. */
    public Uni<Void> scrubMessage(SqlClient tx, UUID conversationId, UUID messageId) {
        return tx.preparedQuery("""
                        UPDATE timeline_events
                        SET payload = payload
                            || CASE WHEN payload ? 'body' THEN '{"body": null}'::jsonb ELSE '{}'::jsonb END
                            || CASE WHEN payload ? 'attachments' THEN '{"attachments": []}'::jsonb ELSE '{}'::jsonb END
                        WHERE conversation_id = $1 AND message_id = $2""")
                .execute(Tuple.of(conversationId, messageId))
                .replaceWithVoid();
    }

    /** The payloads of up to {@code limit} events after {@code seq}, in seq order. */
    public Uni<List<String>> after(UUID conversationId, long seq, int limit) {
        return pool.preparedQuery("""
                        SELECT payload::text AS payload FROM timeline_events
                        WHERE conversation_id = $1 AND seq > $2
                        ORDER BY seq LIMIT $3""")
                .execute(Tuple.of(conversationId, seq, limit))
                .map(rows -> Columns.list(rows, row -> row.getString("payload")));
    }
}
