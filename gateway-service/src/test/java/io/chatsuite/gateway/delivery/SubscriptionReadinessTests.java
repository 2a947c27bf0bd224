package io.chatsuite.gateway.delivery;

import static org.awaitility.Awaitility.await;

import io.chatsuite.contracts.protocol.ServerFrame;
import io.chatsuite.devstack.testing.LocalStackTestResource;
import io.chatsuite.devstack.testing.RedisProcess;
import io.chatsuite.devstack.testing.TestTokenIssuer;
import io.chatsuite.gateway.TestSocket;
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
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/**
 * A client that connects and sends at once must miss nothing: the node reads a socket's frames only once Redis has
 * confirmed the user's channel, so the answer to the first frame means every frame published from then on (the
 * command's own ack, a message) reaches the socket. Each frame here is published once, never again: a retry would
 * hide a frame lost to a subscription not yet in effect.
 */
@QuarkusTest
@WithTestResource(LocalStackTestResource.class)
@WithTestResource(TestTokenIssuer.class)
class SubscriptionReadinessTests {

    private static final int USERS = 40;

    @TestHTTPResource("/")
    URI base;

    @Inject
    Vertx vertx;

    @Inject
    RedisDataSource redis;

    @ConfigProperty(name = "quarkus.redis.hosts")
    String redisUrl;

    /**
     * Redis frozen while the socket opens: its SUBSCRIBE is written but not read. The first frame must wait for it
     * (answering it would tell the client its channel is heard), and once answered, the next publish must arrive.
     */
    @Test
    void aSocketsFirstFrameIsAnsweredOnlyOnceRedisHasItsChannel() throws Exception {
        UUID user = UUID.randomUUID();
        RedisProcess process = RedisProcess.listeningOn(redisUrl);
        TestSocket socket;
        process.freeze();
        try {
            socket = TestSocket.withToken(vertx, base, TestTokenIssuer.tokenFor(user, "first"));
            socket.send("{\"type\":\"ping\",\"id\":\"first\"}");
            // Well inside the node's 10 s of Redis silence before it gives the connection up.
            await("no answer while Redis has not confirmed the channel").during(Duration.ofSeconds(2))
                    .atMost(Duration.ofSeconds(4))
                    .until(() -> socket.frames().stream().noneMatch(f -> "first".equals(f.path("id").asText())));
        } finally {
            process.thaw();
        }
        try (socket) {
            socket.awaitFrameWithId("first");
            redis.pubsub(String.class).publish(ServerFrame.channelOf(user), "{\"type\":\"ack\",\"id\":\"published\"}");
            socket.awaitFrameWithId("published");
        }
    }

    /** Many clients connect together, each sending at once; a frame published on each one's answer reaches it. */
    @Test
    void aFramePublishedAsSoonAsTheFirstAnswerArrivesIsDelivered() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<UUID> users = new ArrayList<>();
        List<CompletableFuture<TestSocket>> opening = new ArrayList<>();
        try {
            for (int i = 0; i < USERS; i++) {
                UUID user = UUID.randomUUID();
                users.add(user);
                String token = TestTokenIssuer.tokenFor(user, "at-once");
                opening.add(CompletableFuture.supplyAsync(() -> {
                    try {
                        TestSocket socket = TestSocket.withToken(vertx, base, token);
                        socket.send("{\"type\":\"ping\",\"id\":\"hello\"}");
                        socket.awaitFrameWithId("hello");
                        redis.pubsub(String.class).publish(ServerFrame.channelOf(user),
                                "{\"type\":\"ack\",\"id\":\"published\"}");
                        return socket;
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                }, pool));
            }
            for (int i = 0; i < USERS; i++) {
                try (TestSocket socket = opening.get(i).join()) {
                    socket.awaitFrameWithId("published");
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
