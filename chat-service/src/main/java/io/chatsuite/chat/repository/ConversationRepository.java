package io.chatsuite.chat.repository;

import io.chatsuite.contracts.chat.ConversationKind;
import io.chatsuite.contracts.chat.MemberRole;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Conversations and their members. Every method runs on the client it is given, so callers choose the transaction. */
@ApplicationScoped
public class ConversationRepository {

    public Uni<Void> insert(SqlClient client, ConversationRow conversation, String directKey) {
        return client.preparedQuery("""
                        INSERT INTO conversations (id, kind, name, topic, is_public, direct_key, created_by, created_at)
                        VALUES ($1, $2, $3, $4, $5, $6, $7, $8)""")
                .execute(Tuple.from(Arrays.asList(conversation.id(), conversation.kind().name(), conversation.name(),
                        conversation.topic(), conversation.isPublic(), directKey,
                        conversation.createdBy(), utc(conversation.createdAt()))))
                .replaceWithVoid();
    }

    public Uni<Optional<ConversationRow>> find(SqlClient client, UUID id) {
        return client.preparedQuery("SELECT * FROM conversations WHERE id = $1").execute(Tuple.of(id))
                .map(rows -> first(rows).map(ConversationRow::from));
    }

    public Uni<Optional<UUID>> findDirect(SqlClient client, String directKey) {
        return client.preparedQuery("SELECT id FROM conversations WHERE direct_key = $1").execute(Tuple.of(directKey))
                .map(rows -> first(rows).map(row -> row.getUUID("id")));
    }

    public Uni<Void> update(SqlClient client, UUID id, String name, String topic, boolean isPublic,
                            boolean archived, boolean everyoneMentionsRoom) {
        return client.preparedQuery("""
                        UPDATE conversations SET name = $2, topic = $3, is_public = $4, archived = $5,
                                                 everyone_mentions_room = $6
                        WHERE id = $1""")
                .execute(Tuple.from(Arrays.asList(id, name, topic, isPublic, archived, everyoneMentionsRoom)))
                .replaceWithVoid();
    }

    /** The room is gone: no members, never listed or joined again. Its row keeps the timeline's seq. */
    public Uni<Void> markDeleted(SqlClient client, UUID id, Instant at) {
        return client.preparedQuery("DELETE FROM members WHERE conversation_id = $1").execute(Tuple.of(id))
                .chain(() -> client.preparedQuery("""
                                UPDATE conversations SET deleted_at = $2, is_public = false WHERE id = $1""")
                        .execute(Tuple.of(id, utc(at))))
                .replaceWithVoid();
    }

    /** The conversation, locked until the transaction ends; empty if it does not exist or was deleted. */
    public Uni<Optional<ConversationRow>> lockLive(SqlClient client, UUID id) {
        return client.preparedQuery("SELECT * FROM conversations WHERE id = $1 AND deleted_at IS NULL FOR UPDATE")
                .execute(Tuple.of(id))
                .map(rows -> first(rows).map(ConversationRow::from));
    }

    /**
     * Adds a member, or changes a member's role. A new member's read cursor starts at {@code joinedAtSeq}, the event
     * that made them a member: joining a busy room does not make its past unread (history-service counts the same).
     */
    public Uni<Void> addMember(SqlClient client, UUID conversationId, UUID userId, MemberRole role, Instant at,
                               long joinedAtSeq) {
        return client.preparedQuery("""
                        INSERT INTO members (conversation_id, user_id, role, joined_at, read_seq) VALUES ($1, $2, $3, $4, $5)
                        ON CONFLICT (conversation_id, user_id) DO UPDATE SET role = excluded.role""")
                .execute(Tuple.of(conversationId, userId, role.name(), utc(at), joinedAtSeq)).replaceWithVoid();
    }

    public Uni<Void> removeMember(SqlClient client, UUID conversationId, UUID userId) {
        return client.preparedQuery("DELETE FROM members WHERE conversation_id = $1 AND user_id = $2")
                .execute(Tuple.of(conversationId, userId)).replaceWithVoid();
    }

    /** The user's membership with what authorization needs, or empty for a non-member (or no such conversation). */
    public Uni<Optional<Membership>> membership(SqlClient client, UUID conversationId, UUID userId) {
        return client.preparedQuery("""
                        SELECT m.role, m.read_seq, c.kind, c.last_seq, c.archived,
                               c.kind <> 'GROUP' AND EXISTS (
                                   SELECT 1 FROM members o JOIN blocks b
                                     ON (b.blocker_id = o.user_id AND b.blocked_id = m.user_id)
                                     OR (b.blocker_id = m.user_id AND b.blocked_id = o.user_id)
                                   WHERE o.conversation_id = c.id AND o.user_id <> m.user_id) AS blocked
                        FROM members m JOIN conversations c ON c.id = m.conversation_id
                        WHERE m.conversation_id = $1 AND m.user_id = $2""")
                .execute(Tuple.of(conversationId, userId))
                .map(rows -> first(rows).map(row -> new Membership(MemberRole.valueOf(row.getString("role")),
                        ConversationKind.valueOf(row.getString("kind")), row.getLong("last_seq"),
                        row.getLong("read_seq"), row.getBoolean("blocked"), row.getBoolean("archived"))));
    }

    public Uni<List<MemberRow>> members(SqlClient client, UUID conversationId) {
        return client.preparedQuery("""
                        SELECT m.user_id, m.role, m.joined_at, m.read_seq, u.display_name, u.username, u.avatar_id
                        FROM members m LEFT JOIN known_users u ON u.user_id = m.user_id
                        WHERE m.conversation_id = $1 ORDER BY m.joined_at, m.user_id""")
                .execute(Tuple.of(conversationId))
                .map(rows -> map(rows, MemberRow::from));
    }

    public Uni<List<UUID>> memberIds(SqlClient client, UUID conversationId) {
        return client.preparedQuery("SELECT user_id FROM members WHERE conversation_id = $1")
                .execute(Tuple.of(conversationId))
                .map(rows -> map(rows, row -> row.getUUID("user_id")));
    }

    /** The members of each conversation, in one statement. */
    public Uni<Map<UUID, List<UUID>>> memberIdsOf(SqlClient client, UUID[] conversationIds) {
        return client.preparedQuery("SELECT conversation_id, user_id FROM members WHERE conversation_id = ANY($1)")
                .execute(Tuple.of((Object) conversationIds))
                .map(rows -> {
                    Map<UUID, List<UUID>> members = new HashMap<>();
                    rows.forEach(row -> members.computeIfAbsent(row.getUUID("conversation_id"),
                            id -> new ArrayList<>()).add(row.getUUID("user_id")));
                    return members;
                });
    }

    /** The user's conversations, most recently active first. */
    public Uni<List<ConversationRow>> ofMember(SqlClient client, UUID userId) {
        return client.preparedQuery("""
                        SELECT c.* FROM conversations c JOIN members m ON m.conversation_id = c.id
                        WHERE m.user_id = $1 ORDER BY c.last_seq DESC, c.created_at DESC""")
                .execute(Tuple.of(userId))
                .map(rows -> map(rows, ConversationRow::from));
    }

    /** Public rooms whose name starts with the prefix (case-insensitive), by name. */
    public Uni<List<ConversationRow>> publicRooms(SqlClient client, String prefix, int offset, int limit) {
        return client.preparedQuery("""
                        SELECT * FROM conversations
                        WHERE is_public AND kind = 'GROUP' AND deleted_at IS NULL AND lower(name) LIKE $1
                        ORDER BY lower(name), id OFFSET $2 LIMIT $3""")
                .execute(Tuple.of(escapeLike(prefix.toLowerCase()) + "%", offset, limit))
                .map(rows -> map(rows, ConversationRow::from));
    }

    /**
     * Moves the reader's cursor back to {@code seq} ("mark as unread"), never forward; empty if it did not move (the
     * message was unread already).
     */
    public Uni<Optional<Long>> moveReadCursorBack(SqlClient client, UUID conversationId, UUID userId, long seq) {
        return client.preparedQuery("""
                        UPDATE members SET read_seq = $3
                        WHERE conversation_id = $1 AND user_id = $2 AND read_seq > $3
                        RETURNING read_seq""")
                .execute(Tuple.of(conversationId, userId, seq))
                .map(rows -> first(rows).map(row -> row.getLong("read_seq")));
    }

    /**
     * Live messages from others after {@code seq}: what history-service's summaries count as unread. A thread-only
     * reply counts only for who posted in its thread (the root or a reply), history's "posted" follow.
     */
    public Uni<Long> unreadAfter(SqlClient client, UUID conversationId, UUID userId, long seq) {
        return client.preparedQuery("""
                        SELECT count(*) AS unread FROM messages m
                        WHERE m.conversation_id = $1 AND m.seq > $2 AND m.sender_id <> $3 AND NOT m.deleted
                          AND (m.thread_root_id IS NULL OR m.also_to_conversation
                               OR EXISTS (SELECT 1 FROM messages r WHERE r.message_id = m.thread_root_id
                                                                     AND r.sender_id = $3)
                               OR EXISTS (SELECT 1 FROM messages p WHERE p.thread_root_id = m.thread_root_id
                                                                     AND p.sender_id = $3))""")
                .execute(Tuple.of(conversationId, seq, userId))
                .map(rows -> rows.iterator().next().getLong("unread"));
    }

    static <T> List<T> map(RowSet<Row> rows, java.util.function.Function<Row, T> mapper) {
        List<T> result = new ArrayList<>(rows.size());
        rows.forEach(row -> result.add(mapper.apply(row)));
        return result;
    }

    static Optional<Row> first(RowSet<Row> rows) {
        var iterator = rows.iterator();
        return iterator.hasNext() ? Optional.of(iterator.next()) : Optional.empty();
    }

    static java.time.OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }

    private static String escapeLike(String text) {
        return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }
}
