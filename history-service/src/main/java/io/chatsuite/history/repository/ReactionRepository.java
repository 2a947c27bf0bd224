package io.chatsuite.history.repository;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.UUID;

/** Reactions as they stand now: a row per (message, user, emoji). */
@ApplicationScoped
public class ReactionRepository {

    /**
     * Applies a run's changes in one statement. Each (message, user, emoji) has one change, so the statement's parts
     * touch disjoint rows (they see the same snapshot and not one another's writes). A reaction is stored only while
     * its message is there and not deleted, as {@link #add} does.
     */
    public Uni<Void> apply(SqlClient tx, List<ReactionChanges.Change> changes) {
        if (changes.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        int n = changes.size();
        UUID[] conversations = new UUID[n];
        UUID[] messages = new UUID[n];
        UUID[] users = new UUID[n];
        String[] emojis = new String[n];
        Long[] seqs = new Long[n];
        String[] kinds = new String[n];
        for (int i = 0; i < n; i++) {
            ReactionChanges.Change change = changes.get(i);
            conversations[i] = change.conversationId();
            messages[i] = change.messageId();
            users[i] = change.userId();
            emojis[i] = change.emoji();
            seqs[i] = change.seq();
            kinds[i] = change.kind().name();
        }
        return tx.preparedQuery("""
                        WITH input AS (
                            SELECT i.* FROM unnest($1::uuid[], $2::uuid[], $3::uuid[], $4::text[], $5::bigint[],
                                                   $6::text[])
                                AS i(conversation_id, message_id, user_id, emoji, seq, kind)
                        ), removed AS (
                            DELETE FROM reactions r USING input i
                            WHERE i.kind = 'REMOVE'
                              AND r.message_id = i.message_id AND r.user_id = i.user_id AND r.emoji = i.emoji
                        ), live AS (
                            SELECT i.* FROM input i
                            JOIN messages m ON m.conversation_id = i.conversation_id
                                           AND m.message_id = i.message_id AND NOT m.deleted
                            WHERE i.kind <> 'REMOVE'
                        ), replaced AS (
                            INSERT INTO reactions (conversation_id, message_id, user_id, emoji, reacted_seq)
                            SELECT conversation_id, message_id, user_id, emoji, seq FROM live WHERE kind = 'REPLACE'
                            ON CONFLICT (message_id, user_id, emoji) DO UPDATE SET reacted_seq = excluded.reacted_seq
                        )
                        INSERT INTO reactions (conversation_id, message_id, user_id, emoji, reacted_seq)
                        SELECT conversation_id, message_id, user_id, emoji, seq FROM live WHERE kind = 'ADD'
                        ON CONFLICT DO NOTHING""")
                .execute(Tuple.tuple().addArrayOfUUID(conversations).addArrayOfUUID(messages)
                        .addArrayOfUUID(users).addArrayOfString(emojis).addArrayOfLong(seqs)
                        .addArrayOfString(kinds))
                .replaceWithVoid();
    }

    /** A deleted message shows no reactions. */
    public Uni<Void> removeOfMessage(SqlClient tx, UUID messageId) {
        return tx.preparedQuery("DELETE FROM reactions WHERE message_id = $1").execute(Tuple.of(messageId))
                .replaceWithVoid();
    }

    public Uni<Void> removeOfConversation(SqlClient tx, UUID conversationId) {
        return tx.preparedQuery("DELETE FROM reactions WHERE conversation_id = $1").execute(Tuple.of(conversationId))
                .replaceWithVoid();
    }
}
