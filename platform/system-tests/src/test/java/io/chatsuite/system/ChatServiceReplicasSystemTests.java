package io.chatsuite.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.chatsuite.contracts.Topic;
import io.chatsuite.system.SuiteApi.Account;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.MemberDescription;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.utils.Utils;
import org.junit.jupiter.api.Test;

/**
 * Two chat-service replicas share {@code chat.commands} in one consumer group (issue 15 item 7, issue 20 item 1).
 * When one dies without a word (SIGKILL), the survivor takes its partitions when the dead member's session expires:
 * acks flow again within 10 s of the kill, with no restart involved, and order, idempotency and durability hold.
 */
class ChatServiceReplicasSystemTests extends TwoGatewaySuite {

    private static final String GROUP = "chat-service";
    private static final String COMMANDS = "chat.commands";
    private static final Duration BOUND = Duration.ofSeconds(10);
    private static final String KILLED = "chat-service-2";

    @Test
    void bothReplicasHoldPartitionsOfTheCommands() {
        await("each of the two replicas holds chat.commands partitions").atMost(Duration.ofMinutes(1))
                .pollInterval(Duration.ofMillis(500)).ignoreExceptions()
                .untilAsserted(() -> {
                    Map<String, Set<Integer>> assignment = commandPartitionsByReplica();
                    assertThat(assignment).hasSize(2);
                    assertThat(assignment.values()).allSatisfy(partitions -> assertThat(partitions).isNotEmpty());
                    assertThat(assignment.values().stream().mapToInt(Set::size).sum()).isEqualTo(Topic.PARTITIONS);
                });
    }

    @Test
    void acksFlowAgainFromTheSurvivorWithinTenSecondsOfASigkillAndNothingIsLostOrTwice() throws Exception {
        bothReplicasHoldPartitionsOfTheCommands();
        Account owner = api.register("replicas-owner");
        // One room on each partition of chat.commands: whichever partitions the killed replica held carry traffic.
        Map<Integer, String> roomByPartition = new HashMap<>();
        for (int attempt = 0; roomByPartition.size() < Topic.PARTITIONS && attempt < 200; attempt++) {
            String room = api.room(owner, "Replicas " + attempt);
            roomByPartition.putIfAbsent(partitionOf(room), room);
        }
        assertThat(roomByPartition).as("a room on every partition").hasSize(Topic.PARTITIONS);

        List<String> rooms = List.copyOf(roomByPartition.values());
        Map<String, Long> before = new HashMap<>();
        Map<String, List<RoamingClient>> clientsByRoom = new HashMap<>();
        List<RoamingClient> clients = new ArrayList<>();
        List<String> roomOfClient = new ArrayList<>();
        for (int r = 0; r < rooms.size(); r++) {
            String room = rooms.get(r);
            Account first = api.register("replica" + r + "a");
            Account second = api.register("replica" + r + "b");
            api.addMembers(owner, room, first, second);
            long lastSeq = api.call("GET", "/api/conversations/" + room, owner.token(), null, 200)
                    .path("conversation").path("lastSeq").asLong();
            before.put(room, lastSeq);
            // The two senders of a room on different gateway nodes: every ack crosses nodes through Redis.
            RoamingClient onA = RoamingClient.connect(List.of(nodeA, nodeB), 0, first.token(), room, lastSeq);
            RoamingClient onB = RoamingClient.connect(List.of(nodeA, nodeB), 1, second.token(), room, lastSeq);
            clientsByRoom.put(room, List.of(onA, onB));
            clients.addAll(List.of(onA, onB));
            roomOfClient.addAll(List.of(room, room));
        }

        // Per client, when each send was first attempted and when it was acked.
        List<ConcurrentLinkedQueue<Send>> sends = new ArrayList<>();
        Map<String, Set<String>> ackedByRoom = new ConcurrentHashMap<>();
        rooms.forEach(room -> ackedByRoom.put(room, ConcurrentHashMap.newKeySet()));
        ScheduledExecutorService traffic = Executors.newScheduledThreadPool(clients.size());
        List<ScheduledFuture<?>> sending = new ArrayList<>();
        for (int i = 0; i < clients.size(); i++) {
            RoamingClient client = clients.get(i);
            ConcurrentLinkedQueue<Send> mine = new ConcurrentLinkedQueue<>();
            sends.add(mine);
            Set<String> acked = ackedByRoom.get(roomOfClient.get(i));
            AtomicInteger next = new AtomicInteger();
            String prefix = "rep" + i + "-";
            // Send, wait for the ack (retrying with the same id), send the next 200 ms later: steady traffic.
            sending.add(traffic.scheduleWithFixedDelay(() -> {
                String id = prefix + next.getAndIncrement();
                Instant started = Instant.now();
                client.sendUntilAcked(id, "replica line " + id);
                mine.add(new Send(started, Instant.now()));
                acked.add(id);
            }, 0, 200, TimeUnit.MILLISECONDS));
        }

        Instant killed;
        Duration gap;
        try {
            await("traffic flows on every client").atMost(Duration.ofMinutes(1))
                    .until(() -> sends.stream().allMatch(queue -> queue.size() >= 3));
            ProcessHandle victim;
            // The launcher is frozen for the measurement, so no replacement can exist: every ack of a send first made
            // after the kill was decided by the survivor.
            suite.pauseLauncher();
            try {
                victim = suite.killInstance(KILLED);
                await("the replica is dead").atMost(Duration.ofSeconds(10)).until(() -> RunningSuite.hasExited(victim));
                killed = Instant.now();
                await("every client is acked again for a send made after the kill").atMost(Duration.ofMinutes(2))
                        .until(() -> sends.stream().allMatch(queue -> firstAckOfASendAfter(queue, killed) != null));
                assertThat(suite.instanceProcess(KILLED)).as("no replacement ran during the measurement").isEmpty();
                gap = sends.stream().map(queue -> Duration.between(killed, firstAckOfASendAfter(queue, killed)))
                        .max(Duration::compareTo).orElseThrow();
            } finally {
                suite.resumeLauncher();
            }
            suite.awaitBack(KILLED, victim, Duration.ofMinutes(3));
            int ackedSoFar = ackedByRoom.values().stream().mapToInt(Set::size).sum();
            await("traffic flows with the replacement back").atMost(Duration.ofMinutes(1))
                    .until(() -> ackedByRoom.values().stream().mapToInt(Set::size).sum() >= ackedSoFar + 12);
        } finally {
            sending.forEach(future -> future.cancel(false));
            traffic.shutdown();
        }
        assertThat(traffic.awaitTermination(3, TimeUnit.MINUTES)).as("every send in flight settles").isTrue();
        System.out.printf("chat-service replica SIGKILL: every client acked again %d ms after the kill, by the"
                + " survivor alone%n", gap.toMillis());

        for (String room : rooms) {
            Set<String> acked = ackedByRoom.get(room);
            long first = before.get(room);
            for (RoamingClient client : clientsByRoom.get(room)) {
                client.awaitTimelineThrough(first + acked.size());
            }
            List<JsonNode> stored = api.timelineAfter(room, owner, first);
            TimelineAssertions.assertCompleteAndAlike(stored, first, acked, clientsByRoom.get(room));
        }
        clients.forEach(RoamingClient::close);
        assertThat(gap).as("from the kill until every client is acked again").isLessThanOrEqualTo(BOUND);
    }

    /** One send: when it was first attempted, and when its ack arrived. */
    private record Send(Instant started, Instant acked) {
    }

    /** When the first send a client started after the instant was acked, or null while there is none. */
    private static Instant firstAckOfASendAfter(ConcurrentLinkedQueue<Send> sends, Instant instant) {
        return sends.stream().filter(send -> send.started().isAfter(instant)).map(Send::acked)
                .min(Instant::compareTo).orElse(null);
    }

    /** The partition of chat.commands a conversation's commands go to: the producer's default, keyed by its id. */
    private static int partitionOf(String conversationId) {
        return Utils.toPositive(Utils.murmur2(conversationId.getBytes(StandardCharsets.UTF_8))) % Topic.PARTITIONS;
    }

    /** The chat.commands partitions each live member of chat-service's group holds, by member id. */
    private static Map<String, Set<Integer>> commandPartitionsByReplica() throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                suite.setting("KAFKA_BOOTSTRAP_SERVERS")))) {
            ConsumerGroupDescription group = admin.describeConsumerGroups(List.of(GROUP)).all()
                    .get(30, TimeUnit.SECONDS).get(GROUP);
            Map<String, Set<Integer>> byReplica = new HashMap<>();
            for (MemberDescription member : group.members()) {
                Set<Integer> partitions = member.assignment().topicPartitions().stream()
                        .filter(partition -> partition.topic().equals(COMMANDS)).map(TopicPartition::partition)
                        .collect(Collectors.toCollection(HashSet::new));
                // Each replica runs several consumers of the channel, each with a client id naming its replica
                // (chat-service-2-commands-1); the user.events consumers share the group, not the topic.
                int channel = member.clientId().indexOf("-commands");
                if (channel > 0) {
                    byReplica.computeIfAbsent(member.clientId().substring(0, channel), replica -> new HashSet<>())
                            .addAll(partitions);
                }
            }
            return byReplica;
        }
    }
}
