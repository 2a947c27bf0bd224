package io.chatsuite.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.chatsuite.system.SuiteApi.Account;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * A rolling restart of the gateway tier while clients keep sending: each node in turn gets SIGTERM, drains its
 * sockets with 1001 (docs/operations.md), its clients reconnect to the other node and resume, and the launcher
 * starts it again, as Kubernetes would.
 */
class RollingRestartSystemTests extends TwoGatewaySuite {

    private static final List<String> GATEWAYS = List.of("gateway-service", "gateway-service-2");

    @Test
    void restartingEveryGatewayLosesNoAckedMessageAndEveryClientEndsWithTheSameTimeline() throws Exception {
        Account owner = api.register("owner");
        List<Account> senders = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            senders.add(api.register("roamer" + i));
        }
        String room = api.room(owner, "Rolling restart", senders.toArray(Account[]::new));
        long before = api.call("GET", "/api/conversations/" + room, owner.token(), null, 200)
                .path("conversation").path("lastSeq").asLong();

        List<RoamingClient> clients = new ArrayList<>();
        for (int i = 0; i < senders.size(); i++) {
            clients.add(RoamingClient.connect(List.of(nodeA, nodeB), i % 2, senders.get(i).token(), room, before));
        }
        RoamingClient watcher = RoamingClient.connect(List.of(nodeA, nodeB), 0, owner.token(), room, before);
        List<RoamingClient> everyone = new ArrayList<>(clients);
        everyone.add(watcher);

        AtomicBoolean keepSending = new AtomicBoolean(true);
        AtomicInteger acked = new AtomicInteger();
        List<List<String>> sentIds = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(clients.size());
        List<Future<?>> sending = new ArrayList<>();
        for (int i = 0; i < clients.size(); i++) {
            RoamingClient client = clients.get(i);
            List<String> ids = new ArrayList<>();
            sentIds.add(ids);
            int sender = i;
            sending.add(pool.submit(() -> {
                for (int n = 0; keepSending.get(); n++) {
                    String id = "r" + sender + "-" + n;
                    long seq = client.sendUntilAcked(id, "roamer " + sender + " line " + n).path("seq").asLong();
                    ids.add(id);
                    acked.incrementAndGet();
                    // The sender sees its own message come back (live, or by resume after a move) before the next:
                    // at most about five a second per client, steady traffic rather than a load test.
                    await(id + " reaches its sender").pollDelay(Duration.ofMillis(200)).atMost(Duration.ofMinutes(1))
                            .until(() -> client.timeline().containsKey(seq));
                }
            }));
        }
        try {
            await().atMost(Duration.ofMinutes(1)).until(() -> acked.get() >= 30);
            for (String gateway : GATEWAYS) {
                int ackedBefore = acked.get();
                ProcessHandle old = suite.terminate(gateway);
                await(gateway + " reports not ready while it drains").atMost(Duration.ofSeconds(3))
                        .pollInterval(Duration.ofMillis(50)).ignoreExceptions()
                        .until(() -> suite.get(gateway, "/q/health/ready").statusCode() == 503);
                suite.awaitBack(gateway, old, Duration.ofMinutes(3));
                await("messages keep flowing after " + gateway + " is back").atMost(Duration.ofMinutes(1))
                        .until(() -> acked.get() >= ackedBefore + 30);
            }
        } finally {
            keepSending.set(false);
        }
        for (Future<?> future : sending) {
            future.get();
        }
        pool.shutdown();

        int total = acked.get();
        for (RoamingClient client : everyone) {
            assertThat(client.closeCodes()).as("each client was moved off a draining node").contains(1001);
            client.awaitTimelineThrough(before + total);
        }
        List<JsonNode> stored = api.timelineAfter(room, owner, before);
        Set<String> ackedIds = new HashSet<>();
        sentIds.forEach(ackedIds::addAll);
        TimelineAssertions.assertCompleteAndAlike(stored, before, ackedIds, everyone);
        everyone.forEach(RoamingClient::close);
    }
}
