package io.chatsuite.chat.repository;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.UUID;

/** chat-service's projection of user.events: which users exist, and who blocked whom. */
@ApplicationScoped
public class UserDirectory {

    public Uni<Void> upsertUser(SqlClient client, UUID userId, String username, String displayName) {
        return client.preparedQuery("""
                        INSERT INTO known_users (user_id, username, display_name) VALUES ($1, $2, $3)
                        ON CONFLICT (user_id) DO UPDATE SET username = excluded.username,
                                                           display_name = excluded.display_name""")
                .execute(Tuple.of(userId, username, displayName)).replaceWithVoid();
    }

    /** A profile's whole new state, its picture included (null: none). */
    public Uni<Void> upsertProfile(SqlClient client, UUID userId, String username, String displayName, UUID avatarId) {
        return client.preparedQuery("""
                        INSERT INTO known_users (user_id, username, display_name, avatar_id) VALUES ($1, $2, $3, $4)
                        ON CONFLICT (user_id) DO UPDATE SET username = excluded.username,
                                                           display_name = excluded.display_name,
                                                           avatar_id = excluded.avatar_id""")
                .execute(Tuple.of(userId, username, displayName, avatarId)).replaceWithVoid();
    }

    /** The account was deleted: no conversation may take the user in again. */
    public Uni<Void> markDeleted(SqlClient client, UUID userId) {
        return client.preparedQuery("UPDATE known_users SET deleted = true WHERE user_id = $1")
                .execute(Tuple.of(userId)).replaceWithVoid();
    }

    public Uni<Boolean> isDeleted(SqlClient client, UUID userId) {
        return client.preparedQuery("SELECT 1 FROM known_users WHERE user_id = $1 AND deleted")
                .execute(Tuple.of(userId)).map(rows -> rows.size() > 0);
    }

    /**
     * Remembers a user looked up in auth-service; a row from user.events already there wins, since an event may be
     * newer than the lookup.
     */
    public Uni<Void> insertIfUnknown(SqlClient client, UUID userId, String username, String displayName) {
        return client.preparedQuery("""
                        INSERT INTO known_users (user_id, username, display_name) VALUES ($1, $2, $3)
                        ON CONFLICT (user_id) DO NOTHING""")
                .execute(Tuple.of(userId, username, displayName)).replaceWithVoid();
    }

    public Uni<Boolean> exists(SqlClient client, UUID userId) {
        return client.preparedQuery("SELECT 1 FROM known_users WHERE user_id = $1").execute(Tuple.of(userId))
                .map(rows -> rows.size() > 0);
    }

    public Uni<Void> setBlocked(SqlClient client, UUID blockerId, UUID blockedId, boolean blocked) {
        String sql = blocked
                ? "INSERT INTO blocks (blocker_id, blocked_id) VALUES ($1, $2) ON CONFLICT DO NOTHING"
                : "DELETE FROM blocks WHERE blocker_id = $1 AND blocked_id = $2";
        return client.preparedQuery(sql).execute(Tuple.of(blockerId, blockedId)).replaceWithVoid();
    }

    /** Whether either user blocked the other. */
    public Uni<Boolean> blockedEitherWay(SqlClient client, UUID first, UUID second) {
        return client.preparedQuery("""
                        SELECT 1 FROM blocks WHERE (blocker_id = $1 AND blocked_id = $2)
                                                OR (blocker_id = $2 AND blocked_id = $1)""")
                .execute(Tuple.of(first, second))
                .map(rows -> rows.size() > 0);
    }

    /** Whether any of the people blocked any other of them (either way). */
    public Uni<Boolean> blockedAmong(SqlClient client, UUID[] people) {
        return client.preparedQuery("SELECT 1 FROM blocks WHERE blocker_id = ANY($1) AND blocked_id = ANY($1) LIMIT 1")
                .execute(Tuple.of((Object) people))
                .map(rows -> rows.size() > 0);
    }
}
