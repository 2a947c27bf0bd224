package io.chatsuite.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.chatsuite.system.SuiteApi.Account;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** The whole suite with two gateway nodes, as real processes, driven only through its public interfaces. */
class MessagingSystemTests extends TwoGatewaySuite {

    @Test
    void usersOnDifferentNodesChatBothWaysOnEveryDevice() throws Exception {
        Account alice = api.register("alice");
        Account bob = api.register("bob");
        String direct = api.direct(alice, bob);
        String room = api.room(alice, "Both nodes", bob);
        try (ChatClient aliceOnA = ChatClient.connect(nodeA, alice.token());
             ChatClient bobOnB = ChatClient.connect(nodeB, bob.token());
             ChatClient bobsPhoneOnA = ChatClient.connect(nodeA, bob.token())) {

            aliceOnA.sendMessage("a1", direct, "hi bob, from node A");
            bobOnB.sendMessage("b1", direct, "hi alice, from node B");
            aliceOnA.sendMessage("a2", room, "room hello from A");
            bobOnB.sendMessage("b2", room, "room hello from B");

            for (String id : List.of("a1", "a2")) {
                assertThat(aliceOnA.awaitReply(id).path("type").asText()).isEqualTo("ack");
            }
            for (String id : List.of("b1", "b2")) {
                assertThat(bobOnB.awaitReply(id).path("type").asText()).isEqualTo("ack");
            }
            for (ChatClient client : List.of(aliceOnA, bobOnB, bobsPhoneOnA)) {
                await().atMost(Duration.ofSeconds(30)).until(() -> bodies(client).containsAll(List.of(
                        "hi bob, from node A", "hi alice, from node B", "room hello from A", "room hello from B")));
            }
        }
    }

    @Test
    void aCommandRetriedOnTheOtherNodeIsOneMessage() throws Exception {
        Account carol = api.register("carol");
        Account dave = api.register("dave");
        String direct = api.direct(carol, dave);
        JsonNode first;
        try (ChatClient onA = ChatClient.connect(nodeA, carol.token())) {
            onA.sendMessage("once-only", direct, "said once");
            first = onA.awaitReply("once-only");
        }
        try (ChatClient onB = ChatClient.connect(nodeB, carol.token())) {
            onB.sendMessage("once-only", direct, "said once");
            JsonNode again = onB.awaitReply("once-only");
            assertThat(again.path("messageId").asText()).isEqualTo(first.path("messageId").asText());
            assertThat(again.path("seq").asLong()).isEqualTo(first.path("seq").asLong());
        }
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            JsonNode page = api.call("GET", "/api/history/conversations/" + direct + "/messages", carol.token(),
                    null, 200);
            List<String> bodies = new ArrayList<>();
            page.path("messages").forEach(m -> bodies.add(m.path("body").asText()));
            assertThat(bodies).containsExactly("said once");
        });
    }

    @Test
    void aUserJustRegisteredCanBeTalkedToAndAddedToARoomAtOnce() throws Exception {
        Account erin = api.register("erin");
        Account frank = api.register("frank");
        // No waiting for user.events: auth-service is asked about a user chat-service has not heard of yet.
        api.call("POST", "/api/conversations/direct", erin.token(), Map.of("userId", frank.id()), 200);
        String room = api.call("POST", "/api/rooms", erin.token(), Map.of("name", "Fresh faces", "isPublic", false),
                200).path("conversation").path("id").asText();
        Account grace = api.register("grace");
        api.call("POST", "/api/rooms/" + room + "/members", erin.token(), Map.of("userId", grace.id()), 200);
        api.call("POST", "/api/conversations/direct", erin.token(),
                Map.of("userId", java.util.UUID.randomUUID().toString()), 404);
    }

    @Test
    void twoDevicesThatPickTheSameIdEachSendTheirOwnMessage() throws Exception {
        Account ivan = api.register("ivan");
        Account judy = api.register("judy");
        String direct = api.direct(ivan, judy);
        String laptopToken = api.login(ivan);
        try (ChatClient phone = ChatClient.connect(nodeA, ivan.token());
             ChatClient laptop = ChatClient.connect(nodeB, laptopToken)) {
            phone.sendMessage("c-17", direct, "from the phone");
            JsonNode phoneAck = phone.awaitReply("c-17");
            laptop.sendMessage("c-17", direct, "from the laptop");
            JsonNode laptopAck = laptop.awaitReply("c-17");
            assertThat(laptopAck.path("type").asText()).isEqualTo("ack");
            assertThat(laptopAck.path("messageId").asText()).isNotEqualTo(phoneAck.path("messageId").asText());
        }
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            JsonNode page = api.call("GET", "/api/history/conversations/" + direct + "/messages", judy.token(),
                    null, 200);
            List<String> bodies = new ArrayList<>();
            page.path("messages").forEach(m -> bodies.add(m.path("body").asText()));
            assertThat(bodies).containsExactly("from the phone", "from the laptop");
        });
    }

    @Test
    void fiveClientsSendingAtOnceGetOneGaplessOrderSeenTheSameByEveryone() throws Exception {
        BusyRoom busy = busyRoom("sender", 5);
        Account owner = busy.owner();
        String room = busy.room();
        long before = busy.before();
        List<ChatClient> clients = busy.clients();
        try (ChatClient watcher = ChatClient.connect(nodeB, owner.token())) {
            ExecutorService pool = Executors.newFixedThreadPool(clients.size());
            List<Future<?>> sending = sendFromEach(pool, clients, room, 200, "s", "sender %d message %d");
            for (Future<?> future : sending) {
                future.get();
            }
            pool.shutdown();

            List<ChatClient> everyone = new ArrayList<>(clients);
            everyone.add(watcher);
            List<Long> expected = new ArrayList<>();
            for (long seq = before + 1; seq <= before + 1000; seq++) {
                expected.add(seq);
            }
            List<String> order = null;
            for (ChatClient client : everyone) {
                await().atMost(Duration.ofSeconds(60)).until(() -> client.events("message.created").size() >= 1000);
                List<JsonNode> events = client.events("message.created");
                assertThat(events).hasSize(1000);
                assertThat(events).extracting(e -> e.path("seq").asLong()).isEqualTo(expected);
                List<String> bodies = events.stream().map(e -> e.path("body").asText()).toList();
                assertThat(new HashSet<>(bodies)).hasSize(1000);
                if (order == null) {
                    order = bodies;
                }
                assertThat(bodies).isEqualTo(order);
            }
        } finally {
            clients.forEach(ChatClient::close);
        }
    }

    @Test
    void killingChatServiceLosesNoAckedMessageAndRetriesSucceed() throws Exception {
        BusyRoom busy = busyRoom("writer", 10);
        Account owner = busy.owner();
        String room = busy.room();
        long before = busy.before();
        List<ChatClient> clients = busy.clients();
        try {
            ExecutorService pool = Executors.newFixedThreadPool(clients.size());
            List<Future<?>> sending = sendFromEach(pool, clients, room, 100, "w", "writer %d line %d");
            await().atMost(Duration.ofSeconds(60)).until(() -> acked(clients) >= 150);
            suite.serviceProcess("chat-service").destroyForcibly();

            // The senders keep sending through the crash and the restart, each retrying its un-acked messages.
            for (Future<?> future : sending) {
                future.get();
            }
            pool.shutdown();
            assertThat(acked(clients)).isEqualTo(1000);

            await("history holds every message").atMost(Duration.ofMinutes(2)).untilAsserted(() -> {
                List<JsonNode> stored = api.timelineAfter(room, owner, before);
                assertThat(stored).extracting(e -> e.path("seq").asLong())
                        .as("gapless").containsExactlyElementsOf(range(before + 1, before + stored.size()));
                Set<String> clientIds = new HashSet<>();
                stored.forEach(e -> clientIds.add(e.path("clientId").asText()));
                assertThat(stored).as("each acked message stored exactly once").hasSize(1000);
                assertThat(clientIds).hasSize(1000);
            });
        } finally {
            clients.forEach(ChatClient::close);
            // The other replica kept the commands flowing, but REST goes to this one: the next test needs it back.
            suite.awaitEveryInstanceReady(Duration.ofMinutes(2));
        }
    }


    /**
     * Stopped (SIGSTOP) for 20 s, over three times its consumer session of 6 s: the group has moved on without it, and
     * it must find its place again when it wakes up, not only after a pause the group never noticed.
     */
    @Test
    void historyStoppedLongerThanItsConsumerSessionWhileMessagesFlowCatchesUpFully() throws Exception {
        Account erin = api.register("erin");
        Account finn = api.register("finn");
        String direct = api.direct(erin, finn);
        ProcessHandle history = suite.serviceProcess("history-service");
        List<String> sent = new ArrayList<>();
        signal("STOP", history);
        try (ChatClient client = ChatClient.connect(nodeA, erin.token())) {
            long until = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (System.nanoTime() < until) {
                String body = "while history was down " + sent.size();
                client.sendUntilAcked("down-" + sent.size(), direct, body);
                sent.add(body);
            }
        } finally {
            signal("CONT", history);
        }
        assertThat(sent).hasSizeGreaterThan(10);

        await("history caught up").atMost(Duration.ofMinutes(2)).untilAsserted(() -> assertThat(
                api.timelineAfter(direct, finn, 0).stream()
                        .filter(e -> e.path("type").asText().equals("message.created"))
                        .map(e -> e.path("body").asText()).toList())
                .containsExactlyElementsOf(sent));
    }

    private static void signal(String signal, ProcessHandle process) throws Exception {
        new ProcessBuilder("kill", "-s", signal, Long.toString(process.pid())).inheritIO().start().waitFor();
    }

    /** Every client sends {@code count} messages at once with the others, each retried until acked. */
    private static List<Future<?>> sendFromEach(ExecutorService pool, List<ChatClient> clients, String room,
                                                int count, String idPrefix, String bodyFormat) {
        List<Future<?>> sending = new ArrayList<>();
        for (int i = 0; i < clients.size(); i++) {
            ChatClient client = clients.get(i);
            int sender = i;
            sending.add(pool.submit(() -> {
                for (int n = 0; n < count; n++) {
                    client.sendUntilAcked(idPrefix + sender + "-" + n, room, bodyFormat.formatted(sender, n));
                }
            }));
        }
        return sending;
    }

    /** A room of an owner and senders, each sender connected to one of the two nodes in turn. */
    private record BusyRoom(Account owner, String room, long before, List<ChatClient> clients) {
    }

    private static BusyRoom busyRoom(String senderPrefix, int senderCount) throws Exception {
        Account owner = api.register("owner");
        List<Account> senders = new ArrayList<>();
        for (int i = 0; i < senderCount; i++) {
            senders.add(api.register(senderPrefix + i));
        }
        String room = api.room(owner, "Busy room", senders.toArray(Account[]::new));
        long before = api.call("GET", "/api/conversations/" + room, owner.token(), null, 200)
                .path("conversation").path("lastSeq").asLong();
        List<ChatClient> clients = new ArrayList<>();
        for (int i = 0; i < senders.size(); i++) {
            clients.add(ChatClient.connect(i % 2 == 0 ? nodeA : nodeB, senders.get(i).token()));
        }
        return new BusyRoom(owner, room, before, clients);
    }

    private static long acked(List<ChatClient> clients) {
        long count = 0;
        for (int i = 0; i < clients.size(); i++) {
            for (int n = 0; n < 100; n++) {
                if (clients.get(i).ack("w" + i + "-" + n) != null) {
                    count++;
                }
            }
        }
        return count;
    }

    private static List<Long> range(long from, long to) {
        List<Long> seqs = new ArrayList<>();
        for (long seq = from; seq <= to; seq++) {
            seqs.add(seq);
        }
        return seqs;
    }

    private static Set<String> bodies(ChatClient client) {
        Set<String> bodies = new HashSet<>();
        client.events("message.created").forEach(e -> bodies.add(e.path("body").asText()));
        return bodies;
    }
}
