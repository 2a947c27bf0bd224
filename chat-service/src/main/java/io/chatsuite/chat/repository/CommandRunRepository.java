package io.chatsuite.chat.repository;

import static io.chatsuite.chat.repository.TimelineRepository.NO_SESSION;

import io.chatsuite.chat.repository.TimelineRepository.ProcessedCommand;
import io.chatsuite.contracts.chat.ConversationKind;
import io.chatsuite.contracts.chat.MemberRole;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The statements that decide a run of sends set-based: each takes arrays (one element per command) and does the work
 * of the whole run in one round trip, whatever its size, inside the caller's transaction.
 */
@ApplicationScoped
public class SendBatchRepository {

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
     * The would-be thread roots {@code (conversationIds[i], rootIds[i])} that exist, each with whether it can take
     * replies (live and not itself a thread reply); a pair that is absent names no message of that conversation.
     */
    public Uni<Map<ThreadRootKey, Boolean>> threadRoots(SqlClient client, UUID[] conversationIds, UUID[] rootIds) {
        return client.preparedQuery("""
                        SELECT k.conversation_id, k.root_id, NOT m.deleted AND m.thread_root_id IS NULL AS open
                        FROM unnest($1::uuid[], $2::uuid[]) AS k(conversation_id, root_id)
                        JOIN messages m ON m.message_id = k.root_id AND m.conversation_id = k.conversation_id""")
                .execute(Tuple.of(conversationIds, rootIds))
                .map(rows -> {
                    Map<ThreadRootKey, Boolean> found = new HashMap<>();
                    rows.forEach(row -> found.put(new ThreadRootKey(row.getUUID("conversation_id"),
                            row.getUUID("root_id")), row.getBoolean("open")));
                    return found;
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
     * Stores accepted sends in one statement: element i of every array is one send's event, message row and
     * processed command id.
     */
    public Uni<Void> storeSends(SqlClient client, StoredSends sends) {
        return client.preparedQuery("""
                        WITH stored_events AS (
                            INSERT INTO events (conversation_id, seq, payload, occurred_at)
                            SELECT * FROM unnest($1::uuid[], $2::bigint[], $3::text[], $4::timestamptz[])),
                        stored_messages AS (
                            INSERT INTO messages (message_id, conversation_id, seq, sender_id, thread_root_id,
                                                  also_to_conversation)
                            SELECT * FROM unnest($5::uuid[], $1::uuid[], $2::bigint[], $6::uuid[], $9::uuid[],
                                                 $10::boolean[]))
                        INSERT INTO processed_commands (sender_id, session_id, client_id, conversation_id, message_id,
                                                        seq, occurred_at)
                        SELECT * FROM unnest($6::uuid[], $7::uuid[], $8::text[], $1::uuid[], $5::uuid[], $2::bigint[],
                                             $4::timestamptz[])""")
                .execute(Tuple.from(List.<Object>of(sends.conversationIds(), sends.seqs(), sends.payloads(),
                        sends.occurredAt(), sends.messageIds(), sends.senderIds(), sends.sessionIds(),
                        sends.clientIds(), sends.threadRootIds(), sends.alsoToConversation())))
                .replaceWithVoid();
    }

    /** A member of a conversation. */
    public record MemberKey(UUID conversationId, UUID userId) {
    }

    /** A message named as a thread's root, in the conversation the reply is sent to. */
    public record ThreadRootKey(UUID conversationId, UUID rootId) {
    }

    /**
     * Parallel arrays, one element per accepted send; a null session is stored as the nil session, a null thread root
     * is a message of the main list.
     */
    public record StoredSends(UUID[] conversationIds, Long[] seqs, String[] payloads, OffsetDateTime[] occurredAt,
                              UUID[] messageIds, UUID[] senderIds, UUID[] sessionIds, String[] clientIds,
                              UUID[] threadRootIds, Boolean[] alsoToConversation) {
    }
}
