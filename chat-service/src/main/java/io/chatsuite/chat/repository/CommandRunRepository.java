package io.chatsuite.chat.repository;

import static io.chatsuite.chat.repository.TimelineRepository.NO_SESSION;

import io.chatsuite.chat.repository.TimelineRepository.ProcessedCommand;
import io.chatsuite.contracts.chat.ConversationKind;
import io.chatsuite.contracts.chat.MemberRole;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * The statements that decide a run of sends and reactions set-based: each takes arrays (one element per command) and
 * does the work of the whole run in one round trip, whatever its size, inside the caller's transaction.
 */
@ApplicationScoped
public class CommandRunRepository {

    /**
     * What each command id already produced, by its position in the arrays (0-based); a row of the nil session
     * answers too, the session's own row first (as {@link TimelineRepository#processed}).
     */
    public Uni<Map<Integer, ProcessedCommand>> processed(SqlClient client, UUID[] senders, UUID[] sessions,
                                                         String[] clientIds) {
        return client.preparedQuery("""
                        SELECT DISTINCT ON (k.i) k.i, p.conversation_id, p.message_id, p.seq, p.occurred_at
                        FROM unnest($1::uuid[], $2::uuid[], $3::text[]) WITH ORDINALITY AS k(sender_id, session_id,
                                                                                             client_id, i)
                        JOIN processed_commands p ON p.sender_id = k.sender_id AND p.client_id = k.client_id
                                                 AND p.session_id IN (k.session_id, $4)
                        ORDER BY k.i, p.session_id = k.session_id DESC""")
                .execute(Tuple.of(senders, sessions, clientIds, NO_SESSION))
                .map(rows -> {
                    Map<Integer, ProcessedCommand> done = new HashMap<>();
                    rows.forEach(row -> done.put((int) row.getLong("i").longValue() - 1, new ProcessedCommand(
                            row.getUUID("conversation_id"), row.getUUID("message_id"), row.getLong("seq"),
                            row.getOffsetDateTime("occurred_at").toInstant())));
                    return done;
                });
    }

    /** Each (conversation, user) pair's membership, as {@link ConversationRepository#membership}; absent: none. */
    public Uni<Map<MemberKey, Membership>> memberships(SqlClient client, UUID[] conversationIds, UUID[] userIds) {
        return client.preparedQuery("""
                        SELECT k.conversation_id, k.user_id, m.role, m.read_seq, c.kind, c.last_seq, c.archived,
                               c.kind <> 'GROUP' AND EXISTS (
                                   SELECT 1 FROM members o JOIN blocks b
                                     ON (b.blocker_id = o.user_id AND b.blocked_id = m.user_id)
                                     OR (b.blocker_id = m.user_id AND b.blocked_id = o.user_id)
                                   WHERE o.conversation_id = c.id AND o.user_id <> m.user_id) AS blocked
                        FROM unnest($1::uuid[], $2::uuid[]) AS k(conversation_id, user_id)
                        JOIN members m ON m.conversation_id = k.conversation_id AND m.user_id = k.user_id
                        JOIN conversations c ON c.id = m.conversation_id""")
                .execute(Tuple.of(conversationIds, userIds))
                .map(rows -> {
                    Map<MemberKey, Membership> found = new HashMap<>();
                    rows.forEach(row -> found.put(new MemberKey(row.getUUID("conversation_id"),
                            row.getUUID("user_id")), new Membership(MemberRole.valueOf(row.getString("role")),
                            ConversationKind.valueOf(row.getString("kind")), row.getLong("last_seq"),
                            row.getLong("read_seq"), row.getBoolean("blocked"), row.getBoolean("archived"))));
                    return found;
                });
    }

    /**
     * The messages {@code (conversationIds[i], messageIds[i])} that exist, with their state; a pair that is absent
     * names no message of that conversation.
     */
    public Uni<Map<MessageKey, MessageState>> messages(SqlClient client, UUID[] conversationIds, UUID[] messageIds) {
        return client.preparedQuery("""
                        SELECT k.conversation_id, k.message_id, m.deleted, m.thread_root_id IS NOT NULL AS thread_reply
                        FROM unnest($1::uuid[], $2::uuid[]) AS k(conversation_id, message_id)
                        JOIN messages m ON m.message_id = k.message_id AND m.conversation_id = k.conversation_id""")
                .execute(Tuple.of(conversationIds, messageIds))
                .map(rows -> {
                    Map<MessageKey, MessageState> found = new HashMap<>();
                    rows.forEach(row -> found.put(new MessageKey(row.getUUID("conversation_id"),
                            row.getUUID("message_id")), new MessageState(row.getBoolean("deleted"),
                            row.getBoolean("thread_reply"))));
                    return found;
                });
    }

    /** Which of the reactions {@code (messageIds[i], userIds[i], emojis[i])} are there now. */
    public Uni<Set<ReactionKey>> reactions(SqlClient client, UUID[] messageIds, UUID[] userIds, String[] emojis) {
        return client.preparedQuery("""
                        SELECT r.message_id, r.user_id, r.emoji
                        FROM unnest($1::uuid[], $2::uuid[], $3::text[]) AS k(message_id, user_id, emoji)
                        JOIN reactions r ON r.message_id = k.message_id AND r.user_id = k.user_id
                                        AND r.emoji = k.emoji""")
                .execute(Tuple.of(messageIds, userIds, emojis))
                .map(rows -> {
                    Set<ReactionKey> held = new HashSet<>();
                    rows.forEach(row -> held.add(new ReactionKey(row.getUUID("message_id"), row.getUUID("user_id"),
                            row.getString("emoji"))));
                    return held;
                });
    }

    /**
     * Takes {@code counts[i]} seqs of conversation {@code ids[i]} at once and answers each conversation's new last
     * seq. The rows are locked first, in id order, so two transactions never wait on each other in a cycle; the locks
     * are held until commit, which keeps every sequence gapless.
     */
    public Uni<Map<UUID, Long>> takeSeqs(SqlClient client, UUID[] ids, Integer[] counts) {
        return client.preparedQuery("""
                        WITH locked AS MATERIALIZED (
                            SELECT id FROM conversations WHERE id = ANY($1) ORDER BY id FOR UPDATE)
                        UPDATE conversations c SET last_seq = c.last_seq + k.n
                        FROM unnest($1::uuid[], $2::int[]) AS k(id, n) JOIN locked l ON l.id = k.id
                        WHERE c.id = k.id
                        RETURNING c.id, c.last_seq""")
                .execute(Tuple.of(ids, counts))
                .map(rows -> {
                    Map<UUID, Long> last = new HashMap<>();
                    rows.forEach(row -> last.put(row.getUUID("id"), row.getLong("last_seq")));
                    return last;
                });
    }

    /**
     * Stores what a run decided in one statement: its events, its messages, the reactions it added and removed, the
     * command ids it accepted and the read cursors it moved.
     */
    public Uni<Void> store(SqlClient client, RunWrites writes) {
        return client.preparedQuery("""
                        WITH stored_events AS (
                            INSERT INTO events (conversation_id, seq, payload, occurred_at)
                            SELECT e.*, $22 FROM unnest($1::uuid[], $2::bigint[], $3::text[]) AS e),
                        stored_messages AS (
                            INSERT INTO messages (message_id, conversation_id, seq, sender_id, thread_root_id,
                                                  also_to_conversation)
                            SELECT * FROM unnest($4::uuid[], $5::uuid[], $6::bigint[], $7::uuid[], $8::uuid[],
                                                 $9::boolean[])),
                        added_reactions AS (
                            INSERT INTO reactions (message_id, user_id, emoji, reacted_at)
                            SELECT r.*, $22 FROM unnest($10::uuid[], $11::uuid[], $12::text[]) AS r
                            ON CONFLICT DO NOTHING),
                        removed_reactions AS (
                            DELETE FROM reactions r
                            USING unnest($13::uuid[], $14::uuid[], $15::text[]) AS k(message_id, user_id, emoji)
                            WHERE r.message_id = k.message_id AND r.user_id = k.user_id AND r.emoji = k.emoji),
                        moved_cursors AS (
                            UPDATE members m SET read_seq = k.read_seq
                            FROM unnest($23::uuid[], $24::uuid[], $25::bigint[]) AS k(conversation_id, user_id, read_seq)
                            WHERE m.conversation_id = k.conversation_id AND m.user_id = k.user_id
                              AND m.read_seq < k.read_seq)
                        INSERT INTO processed_commands (sender_id, session_id, client_id, conversation_id, message_id,
                                                        seq, occurred_at)
                        SELECT p.*, $22 FROM unnest($16::uuid[], $17::uuid[], $18::text[], $19::uuid[], $20::uuid[],
                                                    $21::bigint[]) AS p""")
                .execute(Tuple.from(writes.parameters()))
                .replaceWithVoid();
    }

    /** A member of a conversation. */
    public record MemberKey(UUID conversationId, UUID userId) {
    }

    /** A message named by a command, in the conversation the command is for. */
    public record MessageKey(UUID conversationId, UUID messageId) {
    }

    /** A message as a command finds it: deleted or not, a thread reply or in the main list. */
    public record MessageState(boolean deleted, boolean threadReply) {
    }

    /** One person's reaction with one emoji to one message: each is there at most once. */
    public record ReactionKey(UUID messageId, UUID userId, String emoji) {
    }
}
