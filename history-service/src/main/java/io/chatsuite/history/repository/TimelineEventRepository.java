package io.chatsuite.history.repository;

import static io.chatsuite.history.repository.Columns.utc;

import io.chatsuite.contracts.chat.TimelineEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
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

    /**
     * Stores a run of events that carry no message body (nothing for {@link #scrubMessage} to find in them) in one
     * statement: those whose seq is not stored yet, none of a deleted conversation, are inserted and move their
     * conversation to its newest seq. Answers the events that were new, in their order; {@code payloads} are in the
     * same order as {@code events}.
     */
    public Uni<List<TimelineEvent>> appendNew(SqlClient tx, List<? extends TimelineEvent> events,
                                              List<String> payloads) {
        if (events.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        int n = events.size();
        UUID[] conversations = new UUID[n];
        Long[] seqs = new Long[n];
        OffsetDateTime[] times = new OffsetDateTime[n];
        for (int i = 0; i < n; i++) {
            conversations[i] = events.get(i).conversationId();
            seqs[i] = events.get(i).seq();
            times[i] = utc(events.get(i).occurredAt());
        }
        return tx.preparedQuery("""
                        WITH fresh AS (
                            INSERT INTO timeline_events (conversation_id, seq, occurred_at, payload)
                            SELECT i.conversation_id, i.seq, i.occurred_at, i.payload::jsonb
                            FROM unnest($1::uuid[], $2::bigint[], $3::timestamptz[], $4::text[])
                                AS i(conversation_id, seq, occurred_at, payload)
                            WHERE NOT EXISTS (SELECT 1 FROM conversations c
                                              WHERE c.conversation_id = i.conversation_id AND c.deleted)
                            ON CONFLICT (conversation_id, seq) DO NOTHING
                            RETURNING conversation_id, seq
                        ), advanced AS (
                            UPDATE conversations c SET last_seq = greatest(c.last_seq, f.seq)
                            FROM (SELECT conversation_id, max(seq) AS seq FROM fresh GROUP BY conversation_id) f
                            WHERE c.conversation_id = f.conversation_id
                        )
                        SELECT conversation_id, seq FROM fresh""")
                .execute(Tuple.tuple().addArrayOfUUID(conversations).addArrayOfLong(seqs)
                        .addArrayOfOffsetDateTime(times).addArrayOfString(payloads.toArray(String[]::new)))
                .map(rows -> {
                    Set<String> fresh = new HashSet<>();
                    rows.forEach(row -> fresh.add(row.getUUID("conversation_id") + "/" + row.getLong("seq")));
                    // A seq twice in the run (a redelivery inside the batch) was new only the first time.
                    List<TimelineEvent> stored = new ArrayList<>();
                    for (TimelineEvent event : events) {
                        if (fresh.remove(event.conversationId() + "/" + event.seq())) {
                            stored.add(event);
                        }
                    }
                    return stored;
                });
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
