package io.chatsuite.history.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.chatsuite.devstack.testing.LocalStackTestResource;
import io.chatsuite.devstack.testing.TestTokenIssuer;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

/** A statement longer than Vert.x's default cache limit stays prepared on its connection, not parsed on every use. */
@QuarkusTest
@WithTestResource(LocalStackTestResource.class)
@WithTestResource(TestTokenIssuer.class)
class LongStatementCachingPoolTests {

    @Inject
    Pool pool;

    @Test
    void aStatementOfFourThousandCharactersIsPreparedOnceAndKept() {
        String statement = "SELECT $1::int" + " + 0".repeat(1_000) + " AS answer";
        assertThat(statement.length()).isGreaterThan(4_000).isLessThan(LongStatementCachingPool.STATEMENT_CACHE_SQL_LIMIT);

        long kept = pool.withConnection(connection -> connection.preparedQuery(statement).execute(Tuple.of(41))
                        .chain(() -> connection.preparedQuery(statement).execute(Tuple.of(42)))
                        .invoke(rows -> assertThat(rows.iterator().next().getInteger("answer")).isEqualTo(42))
                        .chain(() -> connection.preparedQuery(
                                        "SELECT count(*) AS kept FROM pg_prepared_statements WHERE statement = $1")
                                .execute(Tuple.of(statement))))
                .map(rows -> rows.iterator().next().getLong("kept"))
                .await().indefinitely();

        assertThat(kept).isEqualTo(1);
    }
}
