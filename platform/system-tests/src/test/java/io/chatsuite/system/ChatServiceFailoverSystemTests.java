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
 * Every chat-service replica dies under traffic without a word (SIGKILL: no group leave, no commit), so no consumer
 * survives (the case of a single replica), and the launcher starts them again, as an orchestrator would. The
 * {@code chat.commands} partitions must reach a replacement at once, not when the dead consumers' Kafka sessions would
 * have expired by default (45 s): acks flow again within 10 s of the first replacement being up (docs/operations.md,
 * Faults). {@link ChatServiceReplicasSystemTests} kills one replica of two, where the survivor takes over.
 */
class ChatServiceFailoverSystemTests extends TwoGatewaySuite {

    private static final Duration BOUND = Duration.ofSeconds(10);
    private static final List<String> REPLICAS = List.of("chat-service", "chat-service-2");

    @Test
    void acksFlowAgainWithinTenSecondsOfTheReplacementAfterASigkillOfEveryReplica() throws Exception {
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
        List<ProcessHandle> old = new ArrayList<>();
        Instant decidedByTheReplacement;
        try {
            await("traffic flows").atMost(Duration.ofMinutes(1)).until(() -> ackTimes.size() >= 30);
            for (String replica : REPLICAS) {
                old.add(suite.killInstance(replica));
            }
            killed = Instant.now();
            // Counted from the first replacement to be ready: it alone is enough to take every partition.
            await("a replacement is restarted and ready").atMost(Duration.ofMinutes(3))
                    .pollInterval(Duration.ofMillis(250)).ignoreExceptions()
                    .until(() -> replacementReady(old));
            ready = Instant.now();
            Instant replacementStarted = REPLICAS.stream().map(suite::instanceProcess)
                    .flatMap(java.util.Optional::stream).map(p -> p.info().startInstant().orElseThrow())
                    .min(Instant::compareTo).orElseThrow();
            // An ack already on its way through Redis at the kill may land a moment later, and a process's start time
            // is only known to a clock tick: what is acked a second after both was decided by a replacement.
            decidedByTheReplacement = latest(killed, replacementStarted).plusSeconds(1);
            await("acks flow again after the replacement is up").atMost(Duration.ofMinutes(2))
                    .until(() -> ackTimes.stream().filter(at -> at.isAfter(decidedByTheReplacement)).count() >= 12);
        } finally {
            sending.forEach(future -> future.cancel(false));
            traffic.shutdown();
        }
        assertThat(traffic.awaitTermination(3, TimeUnit.MINUTES)).as("every send in flight settles").isTrue();
        clients.forEach(RoamingClient::close);
        for (int i = 0; i < REPLICAS.size(); i++) {
            suite.awaitBack(REPLICAS.get(i), old.get(i), Duration.ofMinutes(3));
        }

        Instant firstAckAfter = ackTimes.stream().filter(at -> at.isAfter(decidedByTheReplacement))
                .min(Instant::compareTo).orElseThrow();
        Duration sinceReady = Duration.between(ready, firstAckAfter);
        Duration sinceKill = Duration.between(killed, firstAckAfter);
        System.out.printf("chat-service SIGKILL of every replica: the first replacement was ready %d ms after the kill;"
                        + " first ack %d ms after the kill, %d ms after readiness%n",
                Duration.between(killed, ready).toMillis(), sinceKill.toMillis(), sinceReady.toMillis());
        assertThat(sinceReady).as("from the replacement being ready to the first ack").isLessThanOrEqualTo(BOUND);
    }

    /** True once one of the killed replicas runs again in a new process that answers ready. */
    private static boolean replacementReady(List<ProcessHandle> killed) throws Exception {
        for (int i = 0; i < REPLICAS.size(); i++) {
            ProcessHandle gone = killed.get(i);
            String replica = REPLICAS.get(i);
            if (!gone.isAlive() && suite.instanceProcess(replica).map(p -> p.pid() != gone.pid()).orElse(false)
                    && suite.get(replica, "/q/health/ready").statusCode() == 200) {
                return true;
            }
        }
        return false;
    }

    private static Instant latest(Instant one, Instant other) {
        return one.isAfter(other) ? one : other;
    }
}
