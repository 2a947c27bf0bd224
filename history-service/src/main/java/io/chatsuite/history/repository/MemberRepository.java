package io.chatsuite.history.repository;

import io.chatsuite.contracts.chat.ConversationCreated.Member;
import io.chatsuite.contracts.chat.ReadCursorMoved;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.UUID;

/** Who is a member of each conversation now, and how far each has read. */
@ApplicationScoped
public class MemberRepository {

    /**
     * Adds members, whose read cursor starts at the seq that added them; for a member already there (a role change)
     * only the role changes.
     */
    public Uni<Void> add(SqlClient tx, UUID conversationId, List<Member> members, long seq) {
        if (members.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return tx.preparedQuery("""
                        INSERT INTO members (conversation_id, user_id, role, joined_seq, read_seq)
                        VALUES ($1, $2, $3, $4, $4)
                        ON CONFLICT (conversation_id, user_id) DO UPDATE SET role = excluded.role""")
                .executeBatch(members.stream()
                        .map(member -> Tuple.of(conversationId, member.userId(), member.role().name(), seq))
                        .toList())
                .replaceWithVoid();
    }

    public Uni<Void> remove(SqlClient tx, UUID conversationId, UUID userId) {
        return tx.preparedQuery("DELETE FROM members WHERE conversation_id = $1 AND user_id = $2")
                .execute(Tuple.of(conversationId, userId))
                .replaceWithVoid();
    }

    /**
     * Moves the read cursors of a run forward in one statement: each member's to the highest seq the run has for it
     * (an update joined to two rows of one member would take either).
     */
    public Uni<Void> moveReadCursors(SqlClient tx, List<ReadCursorMoved> reads) {
        if (reads.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return tx.preparedQuery("""
                        UPDATE members m SET read_seq = greatest(m.read_seq, r.seq)
                        FROM (SELECT conversation_id, user_id, max(seq) AS seq
                              FROM unnest($1::uuid[], $2::uuid[], $3::bigint[]) AS i(conversation_id, user_id, seq)
                              GROUP BY conversation_id, user_id) r
                        WHERE m.conversation_id = r.conversation_id AND m.user_id = r.user_id""")
                .execute(Tuple.tuple()
                        .addArrayOfUUID(reads.stream().map(ReadCursorMoved::conversationId).toArray(UUID[]::new))
                        .addArrayOfUUID(reads.stream().map(ReadCursorMoved::actorId).toArray(UUID[]::new))
                        .addArrayOfLong(reads.stream().map(ReadCursorMoved::seq).toArray(Long[]::new)))
                .replaceWithVoid();
    }

    /** Moves a member's read cursor back ("mark as unread"); a higher seq changes nothing. */
    public Uni<Void> moveReadCursorBack(SqlClient tx, UUID conversationId, UUID userId, long seq) {
        return tx.preparedQuery("""
                        UPDATE members SET read_seq = least(read_seq, $3)
                        WHERE conversation_id = $1 AND user_id = $2""")
                .execute(Tuple.of(conversationId, userId, seq))
                .replaceWithVoid();
    }
}
