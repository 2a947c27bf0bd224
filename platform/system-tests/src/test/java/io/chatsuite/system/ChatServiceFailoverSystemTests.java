package io.chatsuite.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.chatsuite.system.SuiteApi.Account;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
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

        ConcurrentLinkedQueue<Instant> ackTimes = new ConcurrentLinkedQueue<>();
        // Each client sends, waits for its ack (retrying with the same id), then sends the next 200 ms later: steady
        // traffic, not a load test.
        ScheduledExecutorService traffic = Executors.newScheduledThreadPool(clients.size());
        List<ScheduledFuture<?>> sending = new ArrayList<>();
        for (int i = 0; i < clients.size(); i++) {
            RoamingClient client = clients.get(i);
            AtomicInteger next = new AtomicInteger();
            String prefix = "fo" + i + "-";
            sending.add(traffic.scheduleWithFixedDelay(() -> {
                String id = prefix + next.getAndIncrement();
                client.sendUntilAcked(id, "failover line " + id);
                ackTimes.add(Instant.now());
            }, 0, 200, TimeUnit.MILLISECONDS));
        }
        Instant killed;
        Instant ready;
        Instant decidedByTheReplacement;
        try {
            await("traffic flows").atMost(Duration.ofMinutes(1)).until(() -> ackTimes.size() >= 30);
            ProcessHandle old = suite.killInstance("chat-service");
            killed = Instant.now();
            suite.awaitBack("chat-service", old, Duration.ofMinutes(3));
            ready = Instant.now();
            Instant replacementStarted = suite.instanceProcess("chat-service").orElseThrow().info().startInstant()
                    .orElseThrow();
            // An ack already on its way through Redis at the kill may land a moment later, and a process's start time
            // is only known to a clock tick: what is acked a second after both was decided by the replacement.
            decidedByTheReplacement = latest(killed, replacementStarted).plusSeconds(1);
            await("acks flow again after the replacement is up").atMost(Duration.ofMinutes(2))
                    .until(() -> ackTimes.stream().filter(at -> at.isAfter(decidedByTheReplacement)).count() >= 12);
        } finally {
            sending.forEach(future -> future.cancel(false));
            traffic.shutdown();
        }
        assertThat(traffic.awaitTermination(3, TimeUnit.MINUTES)).as("every send in flight settles").isTrue();
        clients.forEach(RoamingClient::close);

        Instant firstAckAfter = ackTimes.stream().filter(at -> at.isAfter(decidedByTheReplacement))
                .min(Instant::compareTo).orElseThrow();
        Duration sinceReady = Duration.between(ready, firstAckAfter);
        Duration sinceKill = Duration.between(killed, firstAckAfter);
        System.out.printf("chat-service SIGKILL: the replacement was ready %d ms after the kill; first ack %d ms after"
                        + " the kill, %d ms after readiness%n",
                Duration.between(killed, ready).toMillis(), sinceKill.toMillis(), sinceReady.toMillis());
        assertThat(sinceReady).as("from the replacement being ready to the first ack").isLessThanOrEqualTo(BOUND);
    }

    private static Instant latest(Instant one, Instant other) {
        return one.isAfter(other) ? one : other;
    }
}
