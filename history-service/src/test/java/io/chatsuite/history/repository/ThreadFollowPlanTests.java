package io.chatsuite.history.repository;

import static org.assertj.core.api.Assertions.assertThat;

import io.chatsuite.devstack.testing.LocalStackTestResource;
import io.chatsuite.devstack.testing.TestTokenIssuer;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The thread follows of a batch of new messages find each reply's root by the index on {@code message_id}. Written as
 * one join over the stored and the new messages, the statement could only read the whole table (or its whole index),
 * on every batch: the projection's cost then grew with the history. Asked with sequential scans priced out, the plan
 * must look each root up by its id.
 */
@QuarkusTest
@WithTestResource(LocalStackTestResource.class)
@WithTestResource(TestTokenIssuer.class)
class ThreadFollowPlanTests {

    @Inject
    Pool pool;

    @Test
    void aBatchsRepliesFindTheirRootsByIndexNotByReadingEveryMessage() {
        String newMessages = """
                WITH n AS (SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::uuid[], $4::uuid[], $5::text[])
                           AS n(conversation_id, message_id, sender_id, thread_root_id, mentioned_user_ids))
                """;
        String statement = newMessages + MessageRepository.FOLLOW_THREADS.formatted("n");
        List<String> plan = pool.withTransaction(tx -> tx.query("SET LOCAL enable_seqscan = off").execute()
                        .chain(() -> tx.query("SET LOCAL plan_cache_mode = force_generic_plan").execute())
                        .chain(() -> tx.preparedQuery("EXPLAIN " + statement).execute(Tuple.of(new UUID[0],
                                new UUID[0], new UUID[0], new UUID[0], new String[0]))))
                .map(rows -> {
                    List<String> lines = new ArrayList<>();
                    rows.forEach(row -> lines.add(row.getString(0)));
                    return lines;
                })
                .await().atMost(Duration.ofSeconds(30));
        // A scan of the whole index (no condition) reads every message as surely as a scan of the table.
        assertThat(plan).as(String.join("\n", plan)).noneMatch(line -> line.contains("Seq Scan on messages"))
                .anyMatch(line -> line.contains("Index Cond: (message_id = "));
    }
}
