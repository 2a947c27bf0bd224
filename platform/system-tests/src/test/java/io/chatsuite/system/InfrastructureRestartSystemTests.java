package io.chatsuite.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.chatsuite.system.SuiteApi.Account;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * SIGKILL of Kafka, then Redis, then PostgreSQL under traffic through both gateway nodes: the launcher's local stack
 * restarts each on the same port and data, and the suite recovers by itself (docs/operations.md, Faults). Nothing
 * acked is lost or stored twice, every client ends with the whole timeline, and a message sent once the component is
 * back is acked within 30 s.
 */
class InfrastructureRestartSystemTests extends TwoGatewaySuite {

    private static final Duration ACKED_AGAIN_WITHIN = Duration.ofSeconds(30);

    @Test
    void everyInfrastructureRestartUnderTrafficLosesNothingAndSendsAreAckedWithin30SecondsOfTheRestart()
            throws Exception {
        Account owner = api.register("infra-owner");
        List<Account> senders = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            senders.add(api.register("infra" + i));
        }
        String room = api.room(owner, "Infrastructure restarts", senders.toArray(Account[]::new));
        long before = api.call("GET", "/api/conversations/" + room, owner.token(), null, 200)
                .path("conversation").path("lastSeq").asLong();

        List<String> nodes = List.of(nodeA, nodeB);
        List<RoamingClient> clients = new ArrayList<>();
        for (int i = 0; i < senders.size(); i++) {
            clients.add(RoamingClient.connect(nodes, i % 2, senders.get(i).token(), room, before));
        }
        RoamingClient prober = RoamingClient.connect(nodes, 1, owner.token(), room, before);
        List<RoamingClient> everyone = new ArrayList<>(clients);
        everyone.add(prober);

        Set<String> ackedIds = ConcurrentHashMap.newKeySet();
        List<Throwable> sendFailures = new java.util.concurrent.CopyOnWriteArrayList<>();
        AtomicInteger acked = new AtomicInteger();
        // Each sender sends, waits for its ack (retrying with the same id), then sends the next a quarter second later.
        ScheduledExecutorService traffic = Executors.newScheduledThreadPool(clients.size());
        List<ScheduledFuture<?>> sending = new ArrayList<>();
        for (int i = 0; i < clients.size(); i++) {
            RoamingClient client = clients.get(i);
            AtomicInteger next = new AtomicInteger();
            String prefix = "i" + i + "-";
            sending.add(traffic.scheduleWithFixedDelay(() -> {
                String id = prefix + next.getAndIncrement();
                try {
                    client.sendUntilAcked(id, "line " + id);
                } catch (RuntimeException | AssertionError neverAcked) {
                    sendFailures.add(neverAcked);
                    throw neverAcked;
                }
                ackedIds.add(id);
                acked.incrementAndGet();
            }, 0, 250, TimeUnit.MILLISECONDS));
        }

        Map<String, Duration> ackedAfterRestart = new LinkedHashMap<>();
        try {
            await("traffic flows").atMost(Duration.ofMinutes(1)).until(() -> acked.get() >= 20);
            for (String component : List.of("kafka", "redis", "postgresql")) {
                ProcessHandle killed = suite.infrastructureProcess(component)
                        .orElseThrow(() -> new AssertionError("no running " + component));
                killed.destroyForcibly();
                await(component + " is killed").atMost(Duration.ofSeconds(10)).until(() -> !killed.isAlive());

                await(component + " is restarted by the launcher").atMost(Duration.ofMinutes(1))
                        .pollInterval(Duration.ofMillis(100)).ignoreExceptions()
                        .until(() -> suite.infrastructureProcess(component).map(p -> p.pid() != killed.pid())
                                .orElse(false) && listening(component));
                long backAt = System.nanoTime();

                String probe = "probe-" + component;
                Thread probing = new Thread(() -> prober.sendUntilAcked(probe, "sent after the " + component
                        + " restart"));
                probing.start();
                await("a message sent after the " + component + " restart is acked")
                        .atMost(ACKED_AGAIN_WITHIN).pollInterval(Duration.ofMillis(100))
                        .until(() -> prober.ack(probe) != null);
                ackedAfterRestart.put(component, Duration.ofNanos(System.nanoTime() - backAt));
                probing.join(Duration.ofSeconds(5).toMillis());
                ackedIds.add(probe);
                acked.incrementAndGet();

                int ackedBefore = acked.get();
                await("every sender is acked again after the " + component + " restart")
                        .atMost(Duration.ofMinutes(1)).until(() -> acked.get() >= ackedBefore + 2 * clients.size());
                suite.awaitEveryInstanceReady(Duration.ofMinutes(2));
            }
        } finally {
            sending.forEach(future -> future.cancel(false));
            traffic.shutdown();
        }
        assertThat(traffic.awaitTermination(3, TimeUnit.MINUTES)).as("every send in flight settles").isTrue();
        assertThat(sendFailures).as("sends never acked").isEmpty();
        System.out.println("acked again after each restart: " + ackedAfterRestart);

        int total = acked.get();
        for (RoamingClient client : everyone) {
            client.awaitTimelineThrough(before + total);
        }
        List<JsonNode> stored = api.timelineAfter(room, owner, before);
        TimelineAssertions.assertCompleteAndAlike(stored, before, ackedIds, everyone);
        everyone.forEach(RoamingClient::close);
    }

    /** The restarted component takes connections again on its old port. */
    private static boolean listening(String component) {
        String address = switch (component) {
            case "kafka" -> suite.setting("KAFKA_BOOTSTRAP_SERVERS");
            case "redis" -> URI.create(suite.setting("REDIS_URL")).getAuthority();
            default -> suite.setting("POSTGRES_HOST") + ":" + suite.setting("POSTGRES_PORT");
        };
        String host = address.substring(0, address.lastIndexOf(':'));
        int port = Integer.parseInt(address.substring(address.lastIndexOf(':') + 1));
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), 500);
            return true;
        } catch (java.io.IOException notYet) {
            return false;
        }
    }
}
