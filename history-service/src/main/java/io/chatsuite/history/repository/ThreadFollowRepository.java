package io.chatsuite.history.repository;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.UUID;

/**
 * Who follows which thread, and why: a follower's unread count takes the thread's new replies. Posting in a thread
 * (its root or a reply) is stored with the message itself ({@link MessageRepository}, reason {@link #POSTED}); other
 * reasons, such as being mentioned in a reply ({@link #MENTIONED}), go through {@link #follow}.
 */
@ApplicationScoped
public class ThreadFollowRepository {

    public static final String POSTED = "posted";
    public static final String MENTIONED = "mentioned";

    private final Pool pool;

    public ThreadFollowRepository(Pool pool) {
        this.pool = pool;
    }

    /** Makes the user follow the thread under {@code rootId}; an existing follow keeps its first reason. */
    public Uni<Void> follow(SqlClient tx, UUID conversationId, UUID rootId, UUID userId, String reason) {
        return tx.preparedQuery("""
                        INSERT INTO thread_follows (conversation_id, root_id, user_id, reason) VALUES ($1, $2, $3, $4)
                        ON CONFLICT DO NOTHING""")
                .execute(Tuple.of(conversationId, rootId, userId, reason))
                .replaceWithVoid();
    }

    /** Whether the user follows the thread under {@code rootId}. */
    public Uni<Boolean> follows(UUID rootId, UUID userId) {
        return pool.preparedQuery("SELECT 1 FROM thread_follows WHERE root_id = $1 AND user_id = $2")
                .execute(Tuple.of(rootId, userId))
                .map(rows -> rows.size() > 0);
    }
}
