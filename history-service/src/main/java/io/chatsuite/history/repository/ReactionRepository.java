package io.chatsuite.history.repository;

import io.chatsuite.contracts.chat.ReactionAdded;
import io.chatsuite.contracts.chat.ReactionRemoved;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.UUID;

/** Reactions as they stand now: a row per (message, user, emoji). */
@ApplicationScoped
public class ReactionRepository {

    /** Kept only while the message is there and not deleted (chat-service refuses the rest; a replay may not). */
    public Uni<Void> add(SqlClient tx, ReactionAdded added) {
        return tx.preparedQuery("""
                        INSERT INTO reactions (conversation_id, message_id, user_id, emoji, reacted_seq)
                        SELECT $1, $2, $3, $4, $5 FROM messages
                        WHERE conversation_id = $1 AND message_id = $2 AND NOT deleted
                        ON CONFLICT DO NOTHING""")
                .execute(Tuple.of(added.conversationId(), added.messageId(), added.actorId(), added.emoji(),
                        added.seq()))
                .replaceWithVoid();
    }

    public Uni<Void> remove(SqlClient tx, ReactionRemoved removed) {
        return tx.preparedQuery("DELETE FROM reactions WHERE message_id = $1 AND user_id = $2 AND emoji = $3")
                .execute(Tuple.of(removed.messageId(), removed.actorId(), removed.emoji()))
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
