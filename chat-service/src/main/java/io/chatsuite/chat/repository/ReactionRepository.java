package io.chatsuite.chat.repository;

import static io.chatsuite.chat.repository.ConversationRepository.utc;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.UUID;

/** Who reacted to which message with which emoji; the key (message, user, emoji) allows each reaction once. */
@ApplicationScoped
public class ReactionRepository {

    /** Whether the reaction is new (false: the user already had it, and nothing changed). */
    public Uni<Boolean> add(SqlClient client, UUID messageId, UUID userId, String emoji, Instant at) {
        return client.preparedQuery("""
                        INSERT INTO reactions (message_id, user_id, emoji, reacted_at) VALUES ($1, $2, $3, $4)
                        ON CONFLICT DO NOTHING""")
                .execute(Tuple.of(messageId, userId, emoji, utc(at)))
                .map(rows -> rows.rowCount() == 1);
    }

    /** Whether the reaction was there (false: the user did not have it, and nothing changed). */
    public Uni<Boolean> remove(SqlClient client, UUID messageId, UUID userId, String emoji) {
        return client.preparedQuery("DELETE FROM reactions WHERE message_id = $1 AND user_id = $2 AND emoji = $3")
                .execute(Tuple.of(messageId, userId, emoji))
                .map(rows -> rows.rowCount() == 1);
    }
}
