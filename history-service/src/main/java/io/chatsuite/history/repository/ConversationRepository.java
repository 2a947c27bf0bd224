package io.chatsuite.history.repository;

import static io.chatsuite.history.repository.Columns.instant;
import static io.chatsuite.history.repository.Columns.utc;

import io.chatsuite.contracts.chat.ConversationCreated;
import io.chatsuite.contracts.chat.ConversationKind;
import io.chatsuite.contracts.chat.ConversationUpdated;
import io.chatsuite.history.api.ConversationSummary;
import io.chatsuite.history.api.ConversationSummary.LastMessage;
import io.chatsuite.history.mapping.PlainTextPreview;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** Conversations' names, kinds and positions, and the per-user views of them. */
@ApplicationScoped
public class ConversationRepository {

    /** Characters of the newest message's plain text (Markdown removed) a summary shows. */
    static final int PREVIEW_LENGTH = 140;

    private final Pool pool;

    public ConversationRepository(Pool pool) {
        this.pool = pool;
    }

    public Uni<Void> create(SqlClient tx, ConversationCreated created) {
        return tx.preparedQuery("""
                        INSERT INTO conversations (conversation_id, kind, name, topic, is_public, last_seq, last_activity_at)
                        VALUES ($1, $2, $3, $4, $5, $6, $7)
                        ON CONFLICT DO NOTHING""")
                .execute(Tuple.from(Arrays.asList(created.conversationId(), created.kind().name(), created.name(),
                        created.topic(), created.isPublic(), created.seq(), utc(created.occurredAt()))))
                .replaceWithVoid();
    }

    /**
     * A member left a direct conversation (in practice: their account was deleted): the one who stays keeps it, still
     * named after them, so their summary needs to know who that was once they are no longer a member.
     */
    public Uni<Void> rememberDepartedPeer(SqlClient tx, UUID conversationId, UUID userId) {
        return tx.preparedQuery("UPDATE conversations SET departed_peer_id = $2 WHERE conversation_id = $1"
                        + " AND kind = 'DIRECT'")
                .execute(Tuple.of(conversationId, userId))
                .replaceWithVoid();
    }

    public Uni<Void> update(SqlClient tx, ConversationUpdated updated) {
        return tx.preparedQuery("""
                        UPDATE conversations SET name = $2, topic = $3, is_public = $4, archived = $5
                        WHERE conversation_id = $1""")
                .execute(Tuple.from(Arrays.asList(updated.conversationId(), updated.name(), updated.topic(),
                        updated.isPublic(), updated.archived())))
                .replaceWithVoid();
    }

    /** Whether the conversation was deleted: then no event of it is applied any more, replayed or not. */
    public Uni<Boolean> isDeleted(SqlClient tx, UUID conversationId) {
        return tx.preparedQuery("SELECT deleted FROM conversations WHERE conversation_id = $1")
                .execute(Tuple.of(conversationId))
                .map(rows -> rows.size() > 0 && rows.iterator().next().getBoolean(0));
    }

    /**
     * Forgets a deleted conversation: its members (so it answers 404 and leaves every list), messages and timeline,
     * all but the conversation.deleted event at {@code deletedSeq}, which stays with the row as its tombstone.
     */
    public Uni<Void> forget(SqlClient tx, UUID conversationId, long deletedSeq) {
        Tuple id = Tuple.of(conversationId);
        return tx.preparedQuery("DELETE FROM members WHERE conversation_id = $1").execute(id)
                .chain(() -> tx.preparedQuery("DELETE FROM messages WHERE conversation_id = $1").execute(id))
                .chain(() -> tx.preparedQuery("DELETE FROM timeline_events WHERE conversation_id = $1 AND seq < $2")
                        .execute(Tuple.of(conversationId, deletedSeq)))
                .chain(() -> tx.preparedQuery("""
                                UPDATE conversations SET deleted = true, archived = false, is_public = false
                                WHERE conversation_id = $1""").execute(id))
                .replaceWithVoid();
    }

    /**
     * Moves the conversation to its newest seq; its last activity stays (new messages, which move it, are stored with
     * {@link MessageRepository#insertNew}).
     */
    public Uni<Void> advance(SqlClient tx, UUID conversationId, long seq) {
        return tx.preparedQuery("UPDATE conversations SET last_seq = greatest(last_seq, $2) WHERE conversation_id = $1")
                .execute(Tuple.of(conversationId, seq))
                .replaceWithVoid();
    }

    /** The conversation's newest seq if the user is a member now; empty if not (or if there is no such thing). */
    public Uni<Optional<Long>> latestSeqIfMember(UUID conversationId, UUID userId) {
        return pool.preparedQuery("""
                        SELECT c.last_seq FROM conversations c
                        JOIN members m ON m.conversation_id = c.conversation_id AND m.user_id = $2
                        WHERE c.conversation_id = $1""")
                .execute(Tuple.of(conversationId, userId))
                .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(rows.iterator().next().getLong(0)));
    }

    /** A conversation's newest seq, and the payloads of the events after the client's seq when they came along. */
    public record Latest(long latestSeq, List<String> newEvents) {
    }

    /**
     * The newest seq of every conversation the user is a member of, each with its events after the seq the client
     * holds ({@code known}; 0 for a conversation it did not list) when there are at most {@code eventsPerConversation}
     * of them in at most {@code bytesPerConversation} bytes of payload, and they fit, with those of the more recently
     * active conversations, in {@code bytes}. One statement: a client back from a disconnect usually needs no more.
     */
    public Uni<Map<UUID, Latest>> latestOf(UUID userId, Map<UUID, Long> known, long eventsPerConversation,
                                           long bytesPerConversation, long bytes) {
        UUID[] ids = known.keySet().toArray(UUID[]::new);
        Long[] seqs = Arrays.stream(ids).map(known::get).toArray(Long[]::new);
        return pool.preparedQuery("""
                        WITH mine AS (
                            SELECT c.conversation_id, c.last_seq, c.last_activity_at, COALESCE(k.seq, 0) AS after
                            FROM members m
                            JOIN conversations c ON c.conversation_id = m.conversation_id
                            LEFT JOIN unnest($2::uuid[], $3::bigint[]) AS k(conversation_id, seq)
                                ON k.conversation_id = c.conversation_id
                            WHERE m.user_id = $1),
                        news AS (
                            SELECT t.conversation_id, t.seq, t.payload::text AS payload
                            FROM mine
                            JOIN timeline_events t ON t.conversation_id = mine.conversation_id AND t.seq > mine.after
                            WHERE mine.last_seq - mine.after BETWEEN 1 AND $4::bigint),
                        sizes AS (
                            SELECT news.conversation_id, sum(octet_length(news.payload))::bigint AS size,
                                   max(mine.last_activity_at) AS active
                            FROM news JOIN mine ON mine.conversation_id = news.conversation_id
                            GROUP BY news.conversation_id
                            HAVING sum(octet_length(news.payload)) <= $5::bigint),
                        fitting AS (
                            SELECT conversation_id FROM (
                                SELECT conversation_id,
                                       sum(size) OVER (ORDER BY active DESC, conversation_id)::bigint AS running
                                FROM sizes) s
                            WHERE running <= $6::bigint)
                        SELECT mine.conversation_id, mine.last_seq, news.payload
                        FROM mine
                        LEFT JOIN fitting ON fitting.conversation_id = mine.conversation_id
                        LEFT JOIN news ON news.conversation_id = fitting.conversation_id
                        ORDER BY mine.conversation_id, news.seq""")
                .execute(Tuple.from(List.of(userId, ids, seqs, eventsPerConversation, bytesPerConversation, bytes)))
                .map(rows -> {
                    Map<UUID, Latest> latest = new HashMap<>();
                    rows.forEach(row -> {
                        Latest conversation = latest.computeIfAbsent(row.getUUID(0),
                                id -> new Latest(row.getLong(1), new ArrayList<>()));
                        String payload = row.getString(2);
                        if (payload != null) {
                            conversation.newEvents().add(payload);
                        }
                    });
                    return latest;
                });
    }

    /**
     * Every conversation the user is a member of, most recently active first. The unread count is counted exactly
     * at read time from the live-messages index (messages from others after the cursor), so reads, edits and deletes
     * need no counter to keep right.
     */
    public Uni<List<ConversationSummary>> summariesOf(UUID userId, Instant now) {
        return pool.preparedQuery("""
                        SELECT c.conversation_id, c.kind, c.name, c.last_seq, c.last_activity_at, c.archived,
                               m.read_seq, %5$s,
                               peer.user_id AS peer_id, peer.name AS peer_name, others.names AS others_names,
                               last.seq AS last_seq_of_message, last.message_id AS last_message_id, last.sender_id AS last_sender_id,
                               last.sender_name AS last_sender_name, last.body AS last_body, last.format AS last_format,
                               last.deleted AS last_deleted,
                               last.created_at AS last_created_at,
                               (SELECT count(*) FROM messages newer
                                WHERE newer.conversation_id = c.conversation_id AND newer.seq > m.read_seq
                                  AND NOT newer.deleted AND newer.sender_id <> m.user_id
                                  AND (%3$s OR EXISTS (
                                      SELECT 1 FROM thread_follows f
                                      WHERE f.root_id = newer.thread_root_id AND f.user_id = m.user_id))) AS unread,
                               (SELECT count(*) FROM messages mentioning
                                WHERE mentioning.conversation_id = c.conversation_id AND mentioning.seq > m.read_seq
                                  AND NOT mentioning.deleted AND mentioning.sender_id <> m.user_id
                                  AND (mentioning.room_mentioned OR cardinality(mentioning.mentioned_user_ids) > 0)
                                  AND (mentioning.room_mentioned OR m.user_id = ANY (mentioning.mentioned_user_ids)))
                                   AS mentions
                        FROM members m
                        JOIN conversations c ON c.conversation_id = m.conversation_id
                        LEFT JOIN LATERAL (
                            SELECT o.user_id, %1$s AS name
                            FROM (SELECT p.user_id, 0 AS departed FROM members p
                                  WHERE p.conversation_id = c.conversation_id AND p.user_id <> m.user_id
                                  UNION ALL
                                  SELECT c.departed_peer_id, 1
                                  WHERE c.departed_peer_id IS NOT NULL AND c.departed_peer_id <> m.user_id) o
                            ORDER BY o.departed, o.user_id LIMIT 1) peer ON c.kind = 'DIRECT'
                        LEFT JOIN LATERAL (
                            SELECT string_agg(n.name, ', ' ORDER BY lower(n.name), n.name) AS names
                            FROM (SELECT %1$s AS name FROM members o
                                  WHERE o.conversation_id = c.conversation_id AND o.user_id <> m.user_id) n
                            ) others ON c.kind = 'GROUP_DIRECT'
                        LEFT JOIN LATERAL (
                            SELECT l.seq, l.message_id, l.sender_id, l.body, l.format, l.deleted, l.created_at,
                                   %2$s AS sender_name
                            FROM messages l
                            WHERE l.conversation_id = c.conversation_id AND %4$s
                            ORDER BY l.seq DESC LIMIT 1) last ON true
                        WHERE m.user_id = $1
                        ORDER BY c.last_activity_at DESC, c.conversation_id"""
                        .formatted(Columns.nameOf("o.user_id"), Columns.nameOf("l.sender_id"),
                                MessageRepository.IN_MAIN_LIST.formatted("newer"),
                                MessageRepository.IN_MAIN_LIST.formatted("l"), NotificationSettingsRepository.COLUMNS))
                .execute(Tuple.of(userId))
                .map(rows -> Columns.list(rows, row -> summary(row, now)));
    }

    private static ConversationSummary summary(Row row, Instant now) {
        ConversationKind kind = ConversationKind.valueOf(row.getString("kind"));
        LastMessage last = row.getLong("last_seq_of_message") == null ? null
                : new LastMessage(row.getLong("last_seq_of_message"), row.getUUID("last_message_id"),
                row.getUUID("last_sender_id"),
                row.getString("last_sender_name"),
                PlainTextPreview.of(row.getString("last_body"), row.getString("last_format"), PREVIEW_LENGTH),
                row.getBoolean("last_deleted"),
                instant(row, "last_created_at"));
        return new ConversationSummary(row.getUUID("conversation_id"), kind,
                switch (kind) {
                    case DIRECT -> row.getString("peer_name");
                    case GROUP_DIRECT -> row.getString("others_names");
                    case GROUP -> row.getString("name");
                },
                row.getUUID("peer_id"), last, instant(row, "last_activity_at"), row.getLong("last_seq"),
                row.getLong("read_seq"), row.getLong("unread"), row.getBoolean("archived"), row.getLong("mentions"),
                NotificationSettingsRepository.conversationSettings(row).asOf(now));
    }
}
