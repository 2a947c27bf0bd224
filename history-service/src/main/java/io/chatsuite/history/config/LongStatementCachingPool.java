package io.chatsuite.history.config;

import io.quarkus.reactive.pg.client.PgPoolCreator;
import io.vertx.pgclient.PgBuilder;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlConnectOptions;
import jakarta.inject.Singleton;
import java.util.List;

/**
 * The PostgreSQL pool as Quarkus configures it, with one change: statements of any length stay prepared. Vert.x caches
 * only statements of up to 2,048 characters by default, and the projection's set-based insert of new messages is
 * longer, so PostgreSQL parsed and planned it again for every batch (its statement log: parse and bind of that one
 * statement took twice its execution).
 */
@Singleton
public class LongStatementCachingPool implements PgPoolCreator {

    /** Longer than any statement of this service; a statement over it would be prepared for each execution again. */
    static final int STATEMENT_CACHE_SQL_LIMIT = 16_384;

    @Override
    public Pool create(Input input) {
        List<SqlConnectOptions> servers = input.pgConnectOptionsList().stream()
                .map(options -> (SqlConnectOptions) options.setPreparedStatementCacheSqlLimit(STATEMENT_CACHE_SQL_LIMIT))
                .toList();
        return PgBuilder.pool().with(input.poolOptions()).connectingTo(servers).using(input.vertx()).build();
    }
}
