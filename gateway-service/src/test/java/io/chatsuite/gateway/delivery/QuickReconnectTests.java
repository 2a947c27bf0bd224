package io.chatsuite.gateway.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.chatsuite.contracts.protocol.ServerFrame;
import io.chatsuite.devstack.testing.LocalStackTestResource;
import io.chatsuite.devstack.testing.TestTokenIssuer;
import io.chatsuite.gateway.TestSocket;
import io.chatsuite.gateway.session.LocalSessions;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.Vertx;
import jakarta.inject.Inject;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;

/**
 * Issue 16 item 4: a user's last socket closing while their next one opens (a page reload) must never leave the new
 * socket without its Redis subscription. Many users churn at once, so the close and the open meet on the node.
 */
@QuarkusTest
@WithTestResource(LocalStackTestResource.class)
@WithTestResource(TestTokenIssuer.class)
class QuickReconnectTests {

    private static final int USERS = 40;
    private static final int ROUNDS = 8;

    @TestHTTPResource("/")
    URI base;

    @Inject
    Vertx vertx;

    @Inject
    RedisDataSource redis;

    @Inject
    LocalSessions sessions;

    @Test
    void theSocketThatReplacesAUsersLastOneAlwaysReceives() throws Exception {
        List<UUID> users = new ArrayList<>();
        List<String> tokens = new ArrayList<>();
        List<TestSocket> current = new ArrayList<>();
        for (int i = 0; i < USERS; i++) {
            UUID user = UUID.randomUUID();
            users.add(user);
            tokens.add(TestTokenIssuer.tokenFor(user, "reload"));
            current.add(TestSocket.withToken(vertx, base, tokens.get(i)));
        }
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            for (int round = 0; round < ROUNDS; round++) {
                // Each user reloads: the old socket closes while the new one opens.
                List<CompletableFuture<TestSocket>> next = new ArrayList<>();
                for (int i = 0; i < USERS; i++) {
                    TestSocket old = current.get(i);
                    String token = tokens.get(i);
                    next.add(CompletableFuture.supplyAsync(() -> {
                        try {
                            return TestSocket.withToken(vertx, base, token);
                        } catch (Exception e) {
                            throw new IllegalStateException(e);
                        }
                    }, pool));
                    pool.execute(old::close);
                }
                for (int i = 0; i < USERS; i++) {
                    current.set(i, next.get(i).join());
                }
                // Once the node has forgotten every old socket, each user's one socket must hear its channel.
                await().atMost(Duration.ofSeconds(30)).until(() -> users.stream()
                        .allMatch(user -> sessions.socketsOf(user) == 1));
                String prefix = "r" + round + "-u";
                List<TestSocket> sockets = List.copyOf(current);
                await("round " + round + ": every user's new socket hears its channel").atMost(Duration.ofSeconds(20))
                        .pollInterval(Duration.ofMillis(200)).until(() -> {
                            boolean all = true;
                            for (int i = 0; i < USERS; i++) {
                                String id = prefix + i;
                                if (sockets.get(i).frames().stream().noneMatch(f -> id.equals(f.path("id").asText()))) {
                                    all = false;
                                    redis.pubsub(String.class).publish(ServerFrame.channelOf(users.get(i)),
                                            "{\"type\":\"ack\",\"id\":\"" + id + "\"}");
                                }
                            }
                            return all;
                        });
                for (int i = 0; i < USERS; i++) {
                    assertThat(subscribers(ServerFrame.channelOf(users.get(i)))).as("round %d, user %d", round, i)
                            .isEqualTo(1);
                }
            }
        } finally {
            current.forEach(TestSocket::close);
            pool.shutdownNow();
        }
    }

    private long subscribers(String channel) {
        return redis.execute("PUBSUB", "NUMSUB", channel).get(1).toLong();
    }
}
