package io.chatsuite.history.repository;

import static io.chatsuite.history.repository.Columns.instant;
import static io.chatsuite.history.repository.Columns.utc;

import io.chatsuite.contracts.chat.MessageCreated;
import io.chatsuite.contracts.chat.MessageFormat;
import io.chatsuite.history.api.MessageView;
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

    private final Pool pool;
    private final EventJson json;

    public MessageRepository(Pool pool, EventJson json) {
        this.pool = pool;
        this.json = json;
    }

    public Uni<Void> insert(SqlClient tx, MessageCreated message, String searchWords) {
        return tx.preparedQuery("""
                        INSERT INTO messages (conversation_id, seq, message_id, sender_id, body, format, attachments,
                                              reply_to, created_at, search_vector, mentioned_user_ids, room_mentioned)
                        VALUES ($1, $2, $3, $4, $5, $6, $7::text::jsonb, $8, $9, to_tsvector('simple', $10), $11, $12)
                        ON CONFLICT DO NOTHING""")
                .execute(Tuple.from(Arrays.asList(message.conversationId(), message.seq(),
                        message.messageId(), message.actorId(), message.body(), format(message.format()).name(),
                        json.write(message.attachments()), message.replyTo(), utc(message.occurredAt()),
                        searchWords, message.mentionedUserIds().toArray(UUID[]::new), message.roomMentioned())))
                .replaceWithVoid();
    }

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
        }
        return tx.preparedQuery("""
                        WITH input AS (
                            SELECT * FROM unnest($1::uuid[], $2::bigint[], $3::uuid[], $4::uuid[], $5::text[],
                                                 $6::text[], $7::text[], $8::bigint[], $9::timestamptz[], $10::text[],
                                                 $11::text[], $12::text[], $13::boolean[])
                                AS i(conversation_id, seq, message_id, sender_id, body, format, attachments, reply_to,
                                     created_at, payload, search_words, mentioned_user_ids, room_mentioned)
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
                                                  mentioned_user_ids, room_mentioned)
                            SELECT conversation_id, seq, message_id, sender_id, body, format, attachments::jsonb,
                                   reply_to, created_at, to_tsvector('simple', search_words),
                                   mentioned_user_ids::uuid[], room_mentioned
                            FROM new_messages
                            ON CONFLICT DO NOTHING
                        )
                        UPDATE conversations c
                        SET last_seq = greatest(c.last_seq, n.seq),
                            last_activity_at = greatest(c.last_activity_at, n.activity_at)
                        FROM (SELECT conversation_id, max(seq) AS seq, max(created_at) AS activity_at
                              FROM new_messages GROUP BY conversation_id) n
                        WHERE c.conversation_id = n.conversation_id""")
                .execute(Tuple.tuple().addArrayOfUUID(conversations).addArrayOfLong(seqs).addArrayOfUUID(ids)
                        .addArrayOfUUID(senders).addArrayOfString(bodies).addArrayOfString(formats)
                        .addArrayOfString(attachments).addArrayOfLong(replies).addArrayOfOffsetDateTime(times)
                        .addArrayOfString(payloads.toArray(String[]::new))
                        .addArrayOfString(searchWords.toArray(String[]::new)).addArrayOfString(mentioned)
                        .addArrayOfBoolean(roomMentioned))
                .replaceWithVoid();
    }

    /** A new body; a deleted message stays deleted. */
    public Uni<Void> edit(SqlClient tx, UUID conversationId, UUID messageId, String body, Instant editedAt,
                          String searchWords) {
        return tx.preparedQuery("""
                        UPDATE messages SET body = $3, edited_at = $4, search_vector = to_tsvector('simple', $5)
                        WHERE conversation_id = $1 AND message_id = $2 AND NOT deleted""")
                .execute(Tuple.of(conversationId, messageId, body, utc(editedAt), searchWords))
                .replaceWithVoid();
    }

    /** Keeps the message's place and seq; its body, attachments and search words are gone. */
    public Uni<Void> delete(SqlClient tx, UUID conversationId, UUID messageId) {
        return tx.preparedQuery("""
                        UPDATE messages SET deleted = true, body = NULL, attachments = '[]', search_vector = NULL
                        WHERE conversation_id = $1 AND message_id = $2""")
                .execute(Tuple.of(conversationId, messageId))
                .replaceWithVoid();
    }

    /** Up to {@code limit} messages before {@code seq}, newest first. */
    public Uni<List<MessageView>> newestBefore(UUID conversationId, long seq, int limit) {
        return pool.preparedQuery("""
                        SELECT m.seq, m.message_id, m.sender_id, %s, m.body, m.format, m.attachments::text AS attachments,
                               m.reply_to, m.created_at, m.edited_at, m.deleted, m.mentioned_user_ids,
                               m.room_mentioned, %s
                        FROM messages m
                        WHERE m.conversation_id = $1 AND m.seq < $2
                        ORDER BY m.seq DESC LIMIT $3""".formatted(SENDER_NAME, REACTIONS))
                .execute(Tuple.of(conversationId, seq, limit))
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
        return new MessageView(row.getLong("seq"), row.getUUID("message_id"), row.getUUID("sender_id"),
                row.getString("sender_name"), row.getString("body"), MessageFormat.valueOf(row.getString("format")),
                json.attachments(row.getString("attachments")), row.getLong("reply_to"), instant(row, "created_at"),
                instant(row, "edited_at"), row.getBoolean("deleted"), json.reactions(row.getString("reactions")),
                List.of(row.getArrayOfUUIDs("mentioned_user_ids")), row.getBoolean("room_mentioned"));
    }

    private static MessageFormat format(MessageFormat format) {
        return format == null ? MessageFormat.MARKDOWN : format;
    }
}
