package io.chatsuite.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.chatsuite.system.SuiteApi.Account;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/**
 * chat-service dies under traffic without a word (SIGKILL: no group leave, no commit) and the launcher starts it
 * again, as an orchestrator would. Its {@code chat.commands} partitions must reach the replacement at once, not when
 * the dead consumer's Kafka session would have expired by default (45 s): acks flow again within 10 s of the
 * replacement being up (docs/operations.md, Faults).
 */
class ChatServiceFailoverSystemTests extends TwoGatewaySuite {

    private static final Duration BOUND = Duration.ofSeconds(10);

    @Test
    void acksFlowAgainWithinTenSecondsOfTheReplacementAfterASigkill() throws Exception {
        Account owner = api.register("failover-owner");
        List<Account> senders = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            senders.add(api.register("failover" + i));
        }
        // Three rooms, so the commands use several partitions of chat.commands.
        List<RoamingClient> clients = new ArrayList<>();
        for (int room = 0; room < 3; room++) {
            Account first = senders.get(2 * room);
            Account second = senders.get(2 * room + 1);
            String conversation = api.room(owner, "Failover " + room, first, second);
            long lastSeq = api.call("GET", "/api/conversations/" + conversation, owner.token(), null, 200)
                    .path("conversation").path("lastSeq").asLong();
            clients.add(RoamingClient.connect(List.of(nodeA, nodeB), 0, first.token(), conversation, lastSeq));
            clients.add(RoamingClient.connect(List.of(nodeA, nodeB), 1, second.token(), conversation, lastSeq));
        }

        AtomicBoolean keepSending = new AtomicBoolean(true);
        ConcurrentLinkedQueue<Instant> ackTimes = new ConcurrentLinkedQueue<>();
        ExecutorService pool = Executors.newFixedThreadPool(clients.size());
        List<Future<?>> sending = new ArrayList<>();
        for (int i = 0; i < clients.size(); i++) {
            RoamingClient client = clients.get(i);
            int sender = i;
            sending.add(pool.submit(() -> {
                for (int n = 0; keepSending.get(); n++) {
                    client.sendUntilAcked("fo" + sender + "-" + n, "failover " + sender + " line " + n);
                    ackTimes.add(Instant.now());
                    // A few messages a second per client: steady traffic, not a load test.
                    await().pollDelay(Duration.ofMillis(200)).until(() -> true);
                }
            }));
        }
        Instant killed;
        Instant ready;
        Instant replacementStarted;
        try {
            await("traffic flows").atMost(Duration.ofMinutes(1)).until(() -> ackTimes.size() >= 30);
            ProcessHandle old = suite.killInstance("chat-service");
            killed = Instant.now();
            suite.awaitBack("chat-service", old, Duration.ofMinutes(3));
            ready = Instant.now();
            replacementStarted = suite.instanceProcess("chat-service").orElseThrow().info().startInstant()
                    .orElseThrow();
            // Whatever is acked after the replacement's JVM started was decided by it: the old process is gone.
            await("acks flow again after the replacement is up").atMost(Duration.ofMinutes(2))
                    .until(() -> ackTimes.stream().filter(at -> at.isAfter(replacementStarted)).count() >= 12);
        } finally {
            keepSending.set(false);
        }
        for (Future<?> future : sending) {
            future.get();
        }
        pool.shutdown();
        clients.forEach(RoamingClient::close);

        Instant firstAckAfter = ackTimes.stream().filter(at -> at.isAfter(replacementStarted)).min(Instant::compareTo)
                .orElseThrow();
        Duration sinceReady = Duration.between(ready, firstAckAfter);
        Duration sinceKill = Duration.between(killed, firstAckAfter);
        System.out.printf("chat-service SIGKILL: replacement JVM started %d ms after the kill and was ready after %d ms;"
                        + " first ack %d ms after the kill, %d ms after readiness%n",
                Duration.between(killed, replacementStarted).toMillis(), Duration.between(killed, ready).toMillis(),
                sinceKill.toMillis(), sinceReady.toMillis());
        assertThat(sinceReady).as("from the replacement being ready to the first ack").isLessThanOrEqualTo(BOUND);
    }
}
