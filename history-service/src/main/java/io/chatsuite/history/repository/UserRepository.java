package io.chatsuite.history.repository;

import static io.chatsuite.history.repository.Columns.utc;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.UUID;

/** Usernames and display names, as user.events last said. */
@ApplicationScoped
public class UserRepository {

    private final Pool pool;

    public UserRepository(Pool pool) {
        this.pool = pool;
    }

    /** Saves a profile unless a newer one is stored, so a replayed older event changes nothing. */
    public Uni<Void> save(UUID userId, String username, String displayName, Instant at) {
        return pool.preparedQuery("""
                        INSERT INTO users (user_id, username, display_name, updated_at) VALUES ($1, $2, $3, $4)
                        ON CONFLICT (user_id) DO UPDATE
                        SET username = excluded.username, display_name = excluded.display_name,
                            updated_at = excluded.updated_at
                        WHERE users.updated_at <= excluded.updated_at""")
                .execute(Tuple.of(userId, username, displayName, utc(at)))
                .replaceWithVoid();
    }
}
