package io.chatsuite.history.repository;

import static io.chatsuite.history.repository.Columns.instant;
import static io.chatsuite.history.repository.Columns.utc;

import io.chatsuite.contracts.chat.MessageCreated;
import io.chatsuite.contracts.chat.MessageFormat;
import io.chatsuite.history.api.MessageView;
import io.chatsuite.history.api.ThreadSummary;
import io.chatsuite.history.mapping.EventJson;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Messages as they stand now, with their search words. */
@ApplicationScoped
public class MessageRepository {

    private static final String SENDER_NAME = Columns.nameOf("m.sender_id") + " AS sender_name";
    /** Each message's reactions as JSON: one entry per emoji, first used first, its people in the order they came. */
    private static final String REACTIONS = """
            (SELECT coalesce(json_agg(json_build_object('emoji', r.emoji, 'count', r.n, 'userIds', r.users)
                                      ORDER BY r.first_seq, r.emoji), '[]')::text
             FROM (SELECT emoji, count(*) AS n, array_agg(user_id ORDER BY reacted_seq) AS users,
                          min(reacted_seq) AS first_seq
                   FROM reactions WHERE message_id = m.message_id GROUP BY emoji) r) AS reactions""";
    /**
     * A message's thread columns: the summary of its live replies (none: a zero count), counted at read time from the
     * thread index. Goes with {@link #THREAD_JOIN}.
     */
    private static final String THREAD = """
            m.thread_root_id, m.also_to_conversation, t.reply_count, t.last_reply_at, t.participant_ids""";
    private static final String THREAD_JOIN = """
            LEFT JOIN LATERAL (
                SELECT count(*) AS reply_count, max(r.created_at) AS last_reply_at,
                       (SELECT array_agg(p.sender_id ORDER BY p.first_seq)
                        FROM (SELECT sender_id, min(seq) AS first_seq FROM messages
                              WHERE thread_root_id = m.message_id AND NOT deleted GROUP BY sender_id) p)
                           AS participant_ids
                FROM messages r WHERE r.thread_root_id = m.message_id AND NOT r.deleted) t ON m.thread_root_id IS NULL""";
    /** A message shown in the conversation's list: not a thread reply, or one also sent to the conversation. */
    public static final String IN_MAIN_LIST = "(%1$s.thread_root_id IS NULL OR %1$s.also_to_conversation)";

    private static final String VIEW_COLUMNS = """
            m.seq, m.message_id, m.sender_id, %s, m.body, m.format, m.attachments::text AS attachments, m.reply_to,
            m.created_at, m.edited_at, m.deleted, m.mentioned_user_ids, m.room_mentioned, %s,
            %s""".formatted(SENDER_NAME, REACTIONS, THREAD);

    private final Pool pool;
    private final EventJson json;

    public MessageRepository(Pool pool, EventJson json) {
        this.pool = pool;
        this.json = json;
    }

    /**
     * Who follows a thread because of a new reply: its sender and its root's sender (reason posted; the root may be
     * stored by the same statement, so it is looked for among the new rows too, in a join of its own: a union of the
     * two inside one join hid the index on message_id and made every batch read the whole table), and the members the
     * reply mentions by name (reason mentioned; a room mention makes nobody follow, or every reply to it would be
     * unread for the whole room). One row per person, posted before mentioned; an existing follow keeps its first reason.
     * {@code %1$s}: the new messages, with conversation_id, message_id, sender_id, thread_root_id and
     * mentioned_user_ids (as text, '{id,id}').
     */
    static final String FOLLOW_THREADS = """
            INSERT INTO thread_follows (conversation_id, root_id, user_id, reason)
            SELECT DISTINCT ON (f.root_id, f.user_id) f.conversation_id, f.root_id, f.user_id, f.reason FROM (
                SELECT n.conversation_id, n.thread_root_id AS root_id, n.sender_id AS user_id, '%2$s' AS reason
                FROM %1$s n WHERE n.thread_root_id IS NOT NULL
                UNION ALL
                SELECT n.conversation_id, n.thread_root_id, root.sender_id, '%2$s' FROM %1$s n
                JOIN messages root ON root.message_id = n.thread_root_id
                UNION ALL
                SELECT n.conversation_id, n.thread_root_id, root.sender_id, '%2$s' FROM %1$s n
                JOIN %1$s root ON root.message_id = n.thread_root_id
                UNION ALL
                SELECT n.conversation_id, n.thread_root_id, mentioned.user_id, '%3$s' FROM %1$s n
                CROSS JOIN LATERAL unnest(n.mentioned_user_ids::uuid[]) AS mentioned(user_id)
                WHERE n.thread_root_id IS NOT NULL) f
            ORDER BY f.root_id, f.user_id, f.reason <> '%2$s'
            ON CONFLICT DO NOTHING""".formatted("%1$s", ThreadFollowRepository.POSTED,
            ThreadFollowRepository.MENTIONED);

    /**
     * Stores a run of new messages in one statement (arrays, {@code unnest}): each message's timeline event is inserted
     * first, and only the events that were new (not stored yet, conversation not deleted) insert their message and
     * advance their conversation, as {@link #insert} and the projector do one event at a time. The messages must have
     * distinct (conversation, seq); {@code payloads} and {@code searchWords} are in the same order.
     */
    public Uni<Void> insertNew(SqlClient tx, List<MessageCreated> messages, List<String> payloads,
                               List<String> searchWords) {
        int n = messages.size();
        UUID[] conversations = new UUID[n];
        Long[] seqs = new Long[n];
        UUID[] ids = new UUID[n];
        UUID[] senders = new UUID[n];
        String[] bodies = new String[n];
        String[] formats = new String[n];
        String[] attachments = new String[n];
        Long[] replies = new Long[n];
        OffsetDateTime[] times = new OffsetDateTime[n];
        // Arrays of arrays do not travel as parameters: each message's mentioned ids as text, '{id,id}', cast back.
        String[] mentioned = new String[n];
        Boolean[] roomMentioned = new Boolean[n];
        UUID[] roots = new UUID[n];
        Boolean[] alsoToConversation = new Boolean[n];
        for (int i = 0; i < n; i++) {
            MessageCreated message = messages.get(i);
            conversations[i] = message.conversationId();
            seqs[i] = message.seq();
            ids[i] = message.messageId();
            senders[i] = message.actorId();
            bodies[i] = message.body();
            formats[i] = format(message.format()).name();
            attachments[i] = json.write(message.attachments());
            replies[i] = message.replyTo();
            times[i] = utc(message.occurredAt());
            mentioned[i] = message.mentionedUserIds().stream().map(UUID::toString)
                    .collect(java.util.stream.Collectors.joining(",", "{", "}"));
            roomMentioned[i] = message.roomMentioned();
            roots[i] = message.threadRootId();
            alsoToConversation[i] = message.alsoToConversation();
        }
        return tx.preparedQuery("""
                        WITH input AS (
                            SELECT * FROM unnest($1::uuid[], $2::bigint[], $3::uuid[], $4::uuid[], $5::text[],
                                                 $6::text[], $7::text[], $8::bigint[], $9::timestamptz[], $10::text[],
                                                 $11::text[], $12::text[], $13::boolean[], $14::uuid[],
                                                 $15::boolean[])
                                AS i(conversation_id, seq, message_id, sender_id, body, format, attachments, reply_to,
                                     created_at, payload, search_words, mentioned_user_ids, room_mentioned,
                                     thread_root_id, also_to_conversation)
                        ), fresh AS (
                            INSERT INTO timeline_events (conversation_id, seq, message_id, occurred_at, payload)
                            SELECT i.conversation_id, i.seq, i.message_id, i.created_at, i.payload::jsonb FROM input i
                            WHERE NOT EXISTS (SELECT 1 FROM conversations c
                                              WHERE c.conversation_id = i.conversation_id AND c.deleted)
                            ON CONFLICT (conversation_id, seq) DO NOTHING
                            RETURNING conversation_id, seq
                        ), new_messages AS (
                            SELECT i.* FROM input i JOIN fresh f USING (conversation_id, seq)
                        ), stored AS (
                            INSERT INTO messages (conversation_id, seq, message_id, sender_id, body, format,
                                                  attachments, reply_to, created_at, search_vector,
                                                  mentioned_user_ids, room_mentioned, thread_root_id,
                                                  also_to_conversation)
                            SELECT conversation_id, seq, message_id, sender_id, body, format, attachments::jsonb,
                                   reply_to, created_at, to_tsvector('simple', search_words),
                                   mentioned_user_ids::uuid[], room_mentioned, thread_root_id, also_to_conversation
                            FROM new_messages
                            ON CONFLICT DO NOTHING
                        ), follows AS (
                            %s
                        )
                        UPDATE conversations c
                        SET last_seq = greatest(c.last_seq, n.seq),
                            last_activity_at = greatest(c.last_activity_at, n.activity_at)
                        FROM (SELECT conversation_id, max(seq) AS seq, max(created_at) AS activity_at
                              FROM new_messages GROUP BY conversation_id) n
                        WHERE c.conversation_id = n.conversation_id""".formatted(
                        FOLLOW_THREADS.formatted("new_messages")))
                .execute(Tuple.tuple().addArrayOfUUID(conversations).addArrayOfLong(seqs).addArrayOfUUID(ids)
                        .addArrayOfUUID(senders).addArrayOfString(bodies).addArrayOfString(formats)
                        .addArrayOfString(attachments).addArrayOfLong(replies).addArrayOfOffsetDateTime(times)
                        .addArrayOfString(payloads.toArray(String[]::new))
                        .addArrayOfString(searchWords.toArray(String[]::new)).addArrayOfString(mentioned)
                        .addArrayOfBoolean(roomMentioned).addArrayOfUUID(roots)
                        .addArrayOfBoolean(alsoToConversation))
                .replaceWithVoid();
    }

    /**
     * A new body and, when the edit resolved them ({@code mentionedUserIds} not null), the mentions of the new body;
     * a deleted message stays deleted. Answers the thread root of the edited message (empty when it is none, or the
     * message is deleted or unknown), for whom the edit makes follow it.
     */
    public Uni<Optional<UUID>> edit(SqlClient tx, UUID conversationId, UUID messageId, String body, Instant editedAt,
                                    String searchWords, List<UUID> mentionedUserIds, boolean roomMentioned) {
        return tx.preparedQuery("""
                        UPDATE messages SET body = $3, edited_at = $4, search_vector = to_tsvector('simple', $5),
                            mentioned_user_ids = coalesce($6, mentioned_user_ids),
                            room_mentioned = CASE WHEN $6::uuid[] IS NULL THEN room_mentioned ELSE $7 END
                        WHERE conversation_id = $1 AND message_id = $2 AND NOT deleted
                        RETURNING thread_root_id""")
                .execute(Tuple.from(Arrays.asList(conversationId, messageId, body, utc(editedAt), searchWords,
                        mentionedUserIds == null ? null : mentionedUserIds.toArray(UUID[]::new), roomMentioned)))
                .map(rows -> rows.size() == 0 ? Optional.<UUID>empty()
                        : Optional.ofNullable(rows.iterator().next().getUUID("thread_root_id")));
    }

    /** Keeps the message's place and seq; its body, attachments and search words are gone. */
    public Uni<Void> delete(SqlClient tx, UUID conversationId, UUID messageId) {
        return tx.preparedQuery("""
                        UPDATE messages SET deleted = true, body = NULL, attachments = '[]', search_vector = NULL
                        WHERE conversation_id = $1 AND message_id = $2""")
                .execute(Tuple.of(conversationId, messageId))
                .replaceWithVoid();
    }

    /** Up to {@code limit} messages of the conversation's list before {@code seq}, newest first. */
    public Uni<List<MessageView>> newestBefore(UUID conversationId, long seq, int limit) {
        return pool.preparedQuery("""
                        SELECT %s
                        FROM messages m %s
                        WHERE m.conversation_id = $1 AND m.seq < $2 AND %s
                        ORDER BY m.seq DESC LIMIT $3""".formatted(VIEW_COLUMNS, THREAD_JOIN,
                        IN_MAIN_LIST.formatted("m")))
                .execute(Tuple.of(conversationId, seq, limit))
                .map(rows -> Columns.list(rows, this::view));
    }

    /** A message of the conversation by id, with its thread summary; empty if there is none. */
    public Uni<Optional<MessageView>> byId(UUID conversationId, UUID messageId) {
        return pool.preparedQuery("""
                        SELECT %s
                        FROM messages m %s
                        WHERE m.conversation_id = $1 AND m.message_id = $2""".formatted(VIEW_COLUMNS, THREAD_JOIN))
                .execute(Tuple.of(conversationId, messageId))
                .map(rows -> Columns.list(rows, this::view).stream().findFirst());
    }

    /** Up to {@code limit} replies of a thread after {@code seq}, oldest first. */
    public Uni<List<MessageView>> threadRepliesAfter(UUID conversationId, UUID rootId, long seq, int limit) {
        return pool.preparedQuery("""
                        SELECT %s
                        FROM messages m %s
                        WHERE m.thread_root_id = $2 AND m.conversation_id = $1 AND m.seq > $3
                        ORDER BY m.seq LIMIT $4""".formatted(VIEW_COLUMNS, THREAD_JOIN))
                .execute(Tuple.of(conversationId, rootId, seq, limit))
                .map(rows -> Columns.list(rows, this::view));
    }

    /**
     * Live messages whose words match a {@code websearch_to_tsquery('simple', ...)} query, in the conversations the
     * user is a member of now, newest first.
     */
    public Uni<List<Match>> search(UUID userId, String query, int limit, long offset) {
        return pool.preparedQuery("""
                        SELECT m.conversation_id, m.seq, m.message_id, m.sender_id, %s, m.body, m.format, m.created_at
                        FROM messages m
                        JOIN members mb ON mb.conversation_id = m.conversation_id AND mb.user_id = $1
                        WHERE m.search_vector @@ websearch_to_tsquery('simple', $2)
                        ORDER BY m.created_at DESC, m.conversation_id, m.seq DESC
                        LIMIT $3 OFFSET $4""".formatted(SENDER_NAME))
                .execute(Tuple.of(userId, query, limit, offset))
                .map(rows -> Columns.list(rows, row -> new Match(row.getUUID("conversation_id"), row.getLong("seq"),
                        row.getUUID("message_id"), row.getUUID("sender_id"), row.getString("sender_name"),
                        row.getString("body"), row.getString("format"), instant(row, "created_at"))));
    }

    /** A message found by search, with its whole body (and its format, to read it as plain text) to cut a snippet from. */
    public record Match(UUID conversationId, long seq, UUID messageId, UUID senderId, String senderName, String body,
                        String format, Instant sentAt) {
    }

    private MessageView view(Row row) {
        Long replies = row.getLong("reply_count");
        ThreadSummary thread = replies == null || replies == 0 ? null : new ThreadSummary(replies,
                instant(row, "last_reply_at"), Arrays.asList(row.getArrayOfUUIDs("participant_ids")));
        return new MessageView(row.getLong("seq"), row.getUUID("message_id"), row.getUUID("sender_id"),
                row.getString("sender_name"), row.getString("body"), MessageFormat.valueOf(row.getString("format")),
                json.attachments(row.getString("attachments")), row.getLong("reply_to"), instant(row, "created_at"),
                instant(row, "edited_at"), row.getBoolean("deleted"), json.reactions(row.getString("reactions")),
                row.getUUID("thread_root_id"), row.getBoolean("also_to_conversation"), thread,
                List.of(row.getArrayOfUUIDs("mentioned_user_ids")), row.getBoolean("room_mentioned"));
    }

    private static MessageFormat format(MessageFormat format) {
        return format == null ? MessageFormat.MARKDOWN : format;
    }
}
