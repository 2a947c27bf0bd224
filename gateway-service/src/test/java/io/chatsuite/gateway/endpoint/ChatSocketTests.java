package io.chatsuite.gateway.endpoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.chatsuite.contracts.protocol.MembersFrame;
import io.chatsuite.contracts.protocol.NodeAnswer;
import io.chatsuite.contracts.protocol.ServerFrame;
import io.chatsuite.contracts.protocol.SessionFrame;
import io.chatsuite.contracts.protocol.TracedFrame;
import io.chatsuite.contracts.text.StorableText;
import io.chatsuite.contracts.user.SessionRevoked;
import io.chatsuite.devstack.testing.HostileText;
import io.chatsuite.devstack.testing.LocalStackTestResource;
import io.chatsuite.devstack.testing.TestTokenIssuer;
import io.chatsuite.gateway.StalledClient;
import io.chatsuite.gateway.TestSocket;
import io.chatsuite.gateway.config.GatewayNode;
import io.chatsuite.gateway.presence.PresenceReporter;
import io.chatsuite.gateway.session.LocalSessions;
import io.chatsuite.gateway.session.CloseCodes;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.http.UpgradeRejectedException;
import jakarta.inject.Inject;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.stream.Stream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(LocalStackTestResource.class)
@WithTestResource(TestTokenIssuer.class)
class ChatSocketTests {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TestHTTPResource("/")
    URI base;

    @Inject
    Vertx vertx;

    @Inject
    RedisDataSource redis;

    @Inject
    PresenceReporter presence;

    @Inject
    GatewayNode node;

    @Inject
    LocalSessions sessions;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @Test
    void refusesUpgradesWithoutAValidTokenOrFromAForeignOrigin() throws Exception {
        UUID user = UUID.randomUUID();
        assertRefused(MultiMap.caseInsensitiveMultiMap(), 401);
        assertRefused(bearer("not-a-token"), 401);
        assertRefused(bearer(TestTokenIssuer.sign(TestTokenIssuer.claimsFor(user, "u", UUID.randomUUID())
                .expiresAt(Instant.now().minusSeconds(60)))), 401);
        assertRefused(bearer(TestTokenIssuer.sign(TestTokenIssuer.claimsFor(user, "u", UUID.randomUUID())
                .issuer("https://evil.example"))), 401);
        assertRefused(bearer(TestTokenIssuer.sign(TestTokenIssuer.claimsFor(user, "u", UUID.randomUUID())
                .audience("someone-else"))), 401);
        assertRefused(bearer(TestTokenIssuer.tokenFor(user, "u")).add("Origin", "https://evil.example"), 403);

        try (TestSocket allowed = TestSocket.open(vertx, base,
                bearer(TestTokenIssuer.tokenFor(user, "u")).add("Origin", "http://localhost:8080"), List.of())) {
            allowed.send("{\"type\":\"ping\",\"id\":\"p\"}");
            assertThat(allowed.awaitFrameWithId("p").path("type").asText()).isEqualTo("pong");
        }
    }

    /** Issue 16 item 1: verified once at the upgrade; the open socket keeps neither the token nor the request. */
    @Test
    void anOpenSocketKeepsNeitherItsTokenNorTheRequestsHeaders() throws Exception {
        String headerToken = TestTokenIssuer.tokenFor(UUID.randomUUID(), "kept");
        String browserToken = TestTokenIssuer.tokenFor(UUID.randomUUID(), "kept");
        try (TestSocket program = TestSocket.open(vertx, base, bearer(headerToken).add("Cookie", "theme=dark")
                     .add("User-Agent", "test"), List.of());
             TestSocket browser = TestSocket.open(vertx, base, MultiMap.caseInsensitiveMultiMap()
                     .add("Origin", "http://localhost:8080"),
                     List.of("bearer-token-carrier", "quarkus-http-upgrade#Authorization#Bearer%20" + browserToken))) {
            program.send("{\"type\":\"ping\",\"id\":\"p\"}");
            browser.send("{\"type\":\"ping\",\"id\":\"b\"}");
            program.awaitFrameWithId("p");
            browser.awaitFrameWithId("b");

            assertThat(sessions.live()).hasSizeGreaterThanOrEqualTo(2).allSatisfy(socket ->
                    assertThat(socket.upgradeHeaders().isEmpty()).as("the upgrade's headers, kept by Vert.x").isTrue());
        }
    }

    /** As the web client sends it: the header in a subprotocol, URL-encoded (a subprotocol holds no space). */
    @Test
    void aBrowserCarriesItsTokenInTheSubprotocol() throws Exception {
        String token = TestTokenIssuer.tokenFor(UUID.randomUUID(), "browser");
        try (TestSocket socket = TestSocket.open(vertx, base, MultiMap.caseInsensitiveMultiMap(),
                List.of("bearer-token-carrier", "quarkus-http-upgrade#Authorization#Bearer%20" + token))) {
            socket.send("{\"type\":\"ping\",\"id\":\"p1\"}");
            assertThat(socket.awaitFrameWithId("p1").path("type").asText()).isEqualTo("pong");
        }
    }

    @Test
    void everyMalformedFrameGetsAnErrorFrameAndTheSocketStaysOpen() throws Exception {
        try (TestSocket socket = TestSocket.withToken(vertx, base, TestTokenIssuer.tokenFor(UUID.randomUUID(), "m"))) {
            String conversation = UUID.randomUUID().toString();
            socket.send("{not json");
            socket.send("{\"id\":\"u1\",\"type\":\"dance\"}");
            socket.send("{\"id\":\"m1\",\"type\":\"send\",\"body\":\"hi\"}");
            socket.send("{\"id\":\"t1\",\"type\":\"send\",\"conversationId\":\"" + conversation + "\",\"body\":42}");
            socket.send("{\"id\":\"t2\",\"type\":\"read\",\"conversationId\":\"" + conversation + "\",\"seq\":-3}");
            socket.send("{\"id\":\"big\",\"type\":\"send\",\"conversationId\":\"" + conversation + "\",\"body\":\""
                    + "x".repeat(70_000) + "\"}");
            socket.sendBinary(new byte[] {'{', (byte) 0xC3, (byte) 0x28, '}'});
            byte[] invalidText = "{\"id\":\"bad\",\"type\":\"ping\",\"x\":\"?\"}".getBytes(StandardCharsets.US_ASCII);
            invalidText[invalidText.length - 3] = (byte) 0xFF;
            socket.sendRawText(invalidText);

            assertThat(socket.awaitFrameWithId("u1").path("code").asText()).isEqualTo("unknown_type");
            assertThat(socket.awaitFrameWithId("m1").path("code").asText()).isEqualTo("missing_field");
            assertThat(socket.awaitFrameWithId("m1").path("message").asText()).startsWith("conversationId");
            assertThat(socket.awaitFrameWithId("t1").path("code").asText()).isEqualTo("invalid_field");
            assertThat(socket.awaitFrameWithId("t2").path("code").asText()).isEqualTo("invalid_field");
            socket.send("{\"type\":\"ping\",\"id\":\"still-there\"}");
            socket.awaitFrameWithId("still-there");
            List<String> codes = socket.frames().stream().map(f -> f.path("code").asText()).toList();
            assertThat(codes).contains("bad_json", "too_large");
            assertThat(codes.stream().filter("invalid_utf8"::equals).count()).as("binary and text frame").isEqualTo(2);
            assertThat(socket.isOpen()).isTrue();
        }
    }

    /** Issue 17: a body no store can hold is refused at the edge, never acked, and the socket stays open. */
    @Test
    void textTheStoresCannotHoldIsRefusedAndNeverReachesKafka() throws Exception {
        UUID conversation = UUID.randomUUID();
        String message = UUID.randomUUID().toString();
        try (KafkaConsumer<String, String> commands = consumer("chat.commands");
             TestSocket socket = TestSocket.withToken(vertx, base, TestTokenIssuer.tokenFor(UUID.randomUUID(), "n"))) {
            String to = "\"conversationId\":\"" + conversation + "\"";
            socket.send("{\"id\":\"nul\",\"type\":\"send\"," + to + ",\"body\":\"a\\u0000b\"}");
            socket.send("{\"id\":\"half\",\"type\":\"send\"," + to + ",\"body\":\"half \\ud83d emoji\"}");
            socket.send("{\"id\":\"bell\",\"type\":\"send\"," + to + ",\"body\":\"ding\\u0007\"}");
            socket.send("{\"id\":\"edit\",\"type\":\"edit\"," + to + ",\"messageId\":\"" + message
                    + "\",\"body\":\"\\u0000\"}");
            socket.send("{\"id\":\"ok\",\"type\":\"send\"," + to + ",\"body\":\"two\\nlines\\tand \\ud83d\\ude00\"}");

            for (String id : List.of("nul", "half", "bell", "edit")) {
                JsonNode error = socket.awaitFrameWithId(id);
                assertThat(error.path("code").asText()).as(id).isEqualTo("invalid_field");
                assertThat(error.path("message").asText()).as(id).startsWith("body: must not contain");
            }
            JsonNode command = awaitRecord(commands, conversation.toString());
            assertThat(command.path("clientId").asText()).isEqualTo("ok");
            assertThat(command.path("body").asText()).isEqualTo("two\nlines\tand \uD83D\uDE00");
            assertThat(socket.isOpen()).isTrue();
        }
    }

    /**
     * Issue 17, property: arbitrary Unicode as a body (sent as JSON escapes, so lone surrogates arrive as such) is
     * either refused with invalid_field naming the body, or reaches Kafka exactly as written; never both, never lost.
     */
    @Test
    void anyBodyIsRefusedNamingTheFieldOrForwardedUnchanged() throws Exception {
        UUID conversation = UUID.randomUUID();
        List<String> bodies = HostileText.samples(200, 15);
        try (KafkaConsumer<String, String> commands = consumer("chat.commands");
             TestSocket socket = TestSocket.withToken(vertx, base, TestTokenIssuer.tokenFor(UUID.randomUUID(), "h"))) {
            for (int i = 0; i < bodies.size(); i++) {
                socket.send("{\"id\":\"h" + i + "\",\"type\":\"send\",\"conversationId\":\"" + conversation
                        + "\",\"body\":" + HostileText.asJsonString(bodies.get(i)) + "}");
            }
            socket.send("{\"type\":\"ping\",\"id\":\"done\"}");
            socket.awaitFrameWithId("done");

            Map<String, String> forwarded = new HashMap<>();
            List<String> expected = new ArrayList<>();
            for (int i = 0; i < bodies.size(); i++) {
                String body = bodies.get(i);
                if (!body.isBlank() && StorableText.isStorable(body, StorableText.Kind.BODY)) {
                    expected.add("h" + i);
                }
            }
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                for (ConsumerRecord<String, String> record : commands.poll(Duration.ofMillis(200))) {
                    if (conversation.toString().equals(record.key())) {
                        JsonNode command = JSON.readTree(record.value());
                        forwarded.put(command.path("clientId").asText(), command.path("body").asText());
                    }
                }
                return forwarded.keySet().containsAll(expected);
            });
            for (int i = 0; i < bodies.size(); i++) {
                String id = "h" + i;
                String shown = HostileText.asJsonString(bodies.get(i));
                if (expected.contains(id)) {
                    assertThat(forwarded.get(id)).as(shown).isEqualTo(bodies.get(i));
                    assertThat(socket.frames()).as(shown).noneMatch(f -> id.equals(f.path("id").asText()));
                } else {
                    assertThat(forwarded).as(shown).doesNotContainKey(id);
                    assertThat(socket.awaitFrameWithId(id).path("message").asText()).as(shown).startsWith("body:");
                }
            }
            assertThat(socket.isOpen()).isTrue();
        }
    }

    /** A frame, or a message in several frames, over the hard cap closes with 1009 and leaves the others be. */
    @Test
    void aFrameOrMessageOverTheHardCapClosesTheSocketWith1009() throws Exception {
        String huge = "{\"id\":\"huge\",\"type\":\"ping\",\"x\":\"" + "x".repeat(300 * 1024) + "\"}";
        try (TestSocket oneFrame = TestSocket.withToken(vertx, base, TestTokenIssuer.tokenFor(UUID.randomUUID(), "f"));
             TestSocket manyFrames = TestSocket.withToken(vertx, base, TestTokenIssuer.tokenFor(UUID.randomUUID(), "m"));
             TestSocket bystander = TestSocket.withToken(vertx, base, TestTokenIssuer.tokenFor(UUID.randomUUID(), "b"))) {
            oneFrame.sendRawText(huge.getBytes(StandardCharsets.UTF_8));
            // The client cuts a long message into 64 KiB frames: each is small, the message is not.
            manyFrames.send(huge);

            assertThat(oneFrame.awaitClosed()).as("one frame of 300 KiB").isEqualTo((short) 1009);
            assertThat(manyFrames.awaitClosed()).as("a message of 300 KiB in 64 KiB frames").isEqualTo((short) 1009);
            bystander.send("{\"type\":\"ping\",\"id\":\"unbothered\"}");
            bystander.awaitFrameWithId("unbothered");
        }
    }

    @Test
    void commandsGoToKafkaWithTheTokensUserAndSessionAndAClaimedSenderIsRefused() throws Exception {
        UUID user = UUID.randomUUID();
        UUID session = UUID.randomUUID();
        UUID conversation = UUID.randomUUID();
        try (KafkaConsumer<String, String> commands = consumer("chat.commands");
             TestSocket socket = TestSocket.withToken(vertx, base,
                     TestTokenIssuer.sign(TestTokenIssuer.claimsFor(user, "honest", session)))) {
            socket.send("{\"id\":\"forged\",\"type\":\"send\",\"conversationId\":\"" + conversation
                    + "\",\"body\":\"hello\",\"senderId\":\"" + UUID.randomUUID() + "\"}");
            JsonNode refused = socket.awaitFrameWithId("forged");
            assertThat(refused.path("code").asText()).isEqualTo("invalid_field");
            assertThat(refused.path("message").asText()).startsWith("senderId");

            socket.send("{\"id\":\"honest\",\"type\":\"send\",\"conversationId\":\"" + conversation
                    + "\",\"body\":\"hello\"}");
            ConsumerRecord<String, String> record = awaitKafkaRecord(commands, conversation.toString());
            // The node is named, so that chat-service answers on this node's channel.
            assertThat(new String(record.headers().lastHeader(NodeAnswer.HEADER).value(), StandardCharsets.UTF_8))
                    .isEqualTo(node.id().toString());
            JsonNode command = JSON.readTree(record.value());
            assertThat(command.path("type").asText()).isEqualTo("send");
            assertThat(command.path("clientId").asText()).isEqualTo("honest");
            assertThat(command.path("senderId").asText()).isEqualTo(user.toString());
            assertThat(command.path("sessionId").asText()).isEqualTo(session.toString());
        }
    }

    /** Issue 18 item 2: a reaction is one emoji; anything else is refused naming the field, with the client's id. */
    @Test
    void aReactionNeedsOneEmojiAndGoesToKafkaAsAReactCommand() throws Exception {
        UUID user = UUID.randomUUID();
        UUID conversation = UUID.randomUUID();
        UUID message = UUID.randomUUID();
        String target = "\"conversationId\":\"" + conversation + "\",\"messageId\":\"" + message + "\"";
        try (KafkaConsumer<String, String> commands = consumer("chat.commands");
             TestSocket socket = TestSocket.withToken(vertx, base, TestTokenIssuer.tokenFor(user, "reacts"))) {
            socket.send("{\"id\":\"r-text\",\"type\":\"react\"," + target + ",\"emoji\":\":thumbsup:\"}");
            socket.send("{\"id\":\"r-two\",\"type\":\"react\"," + target + ",\"emoji\":\"👍👍\"}");
            socket.send("{\"id\":\"r-none\",\"type\":\"react\"," + target + "}");
            socket.send("{\"id\":\"r-flag\",\"type\":\"react\"," + target
                    + ",\"emoji\":\"👍\",\"remove\":\"yes\"}");
            for (String id : List.of("r-text", "r-two", "r-flag")) {
                assertThat(socket.awaitFrameWithId(id).path("code").asText()).as(id).isEqualTo("invalid_field");
            }
            assertThat(socket.awaitFrameWithId("r-text").path("message").asText()).startsWith("emoji");
            assertThat(socket.awaitFrameWithId("r-flag").path("message").asText()).startsWith("remove");
            assertThat(socket.awaitFrameWithId("r-none").path("code").asText()).isEqualTo("missing_field");

            socket.send("{\"id\":\"r-ok\",\"type\":\"react\"," + target + ",\"emoji\":\"👍🏽\",\"remove\":true}");
            JsonNode command = awaitRecord(commands, conversation.toString());
            assertThat(command.path("type").asText()).isEqualTo("react");
            assertThat(command.path("clientId").asText()).isEqualTo("r-ok");
            assertThat(command.path("senderId").asText()).isEqualTo(user.toString());
            assertThat(command.path("messageId").asText()).isEqualTo(message.toString());
            assertThat(command.path("emoji").asText()).isEqualTo("👍🏽");
            assertThat(command.path("remove").asBoolean()).isTrue();
        }
    }

    /** Issue 18 item 1: a thread reply is a send naming its root; a bad root or a lone alsoToConversation is refused. */
    @Test
    void aThreadReplyIsASendNamingItsRootAndBadThreadFieldsAreRefusedByName() throws Exception {
        UUID user = UUID.randomUUID();
        UUID conversation = UUID.randomUUID();
        UUID root = UUID.randomUUID();
        String to = "\"conversationId\":\"" + conversation + "\",\"body\":\"in the thread\"";
        try (KafkaConsumer<String, String> commands = consumer("chat.commands");
             TestSocket socket = TestSocket.withToken(vertx, base, TestTokenIssuer.tokenFor(user, "threads"))) {
            socket.send("{\"id\":\"t-bad\",\"type\":\"send\"," + to + ",\"threadRootId\":\"seq-3\"}");
            socket.send("{\"id\":\"t-lone\",\"type\":\"send\"," + to + ",\"alsoToConversation\":true}");
            socket.send("{\"id\":\"t-flag\",\"type\":\"send\"," + to + ",\"threadRootId\":\"" + root
                    + "\",\"alsoToConversation\":\"yes\"}");
            for (String id : List.of("t-bad", "t-lone", "t-flag")) {
                assertThat(socket.awaitFrameWithId(id).path("code").asText()).as(id).isEqualTo("invalid_field");
            }
            assertThat(socket.awaitFrameWithId("t-bad").path("message").asText()).startsWith("threadRootId");
            assertThat(socket.awaitFrameWithId("t-lone").path("message").asText()).startsWith("alsoToConversation");
            assertThat(socket.awaitFrameWithId("t-flag").path("message").asText()).startsWith("alsoToConversation");

            socket.send("{\"id\":\"t-ok\",\"type\":\"send\"," + to + ",\"threadRootId\":\"" + root
                    + "\",\"alsoToConversation\":true}");
            JsonNode command = awaitRecord(commands, conversation.toString());
            assertThat(command.path("type").asText()).isEqualTo("send");
            assertThat(command.path("clientId").asText()).isEqualTo("t-ok");
            assertThat(command.path("threadRootId").asText()).isEqualTo(root.toString());
            assertThat(command.path("alsoToConversation").asBoolean()).isTrue();
        }
    }

    /** Issue 18 item 7: "mark as unread" names a message; the gateway forwards it as the user's own command. */
    @Test
    void anUnreadFrameNamesAMessageAndGoesToKafkaAsTheUsersUnreadCommand() throws Exception {
        UUID user = UUID.randomUUID();
        UUID conversation = UUID.randomUUID();
        UUID message = UUID.randomUUID();
        try (KafkaConsumer<String, String> commands = consumer("chat.commands");
             TestSocket socket = TestSocket.withToken(vertx, base, TestTokenIssuer.tokenFor(user, "rereader"))) {
            socket.send("{\"id\":\"u0\",\"type\":\"unread\",\"conversationId\":\"" + conversation + "\"}");
            socket.send("{\"id\":\"u1\",\"type\":\"unread\",\"conversationId\":\"" + conversation
                    + "\",\"messageId\":\"" + message + "\",\"seq\":3}");
            assertThat(socket.awaitFrameWithId("u0").path("code").asText()).isEqualTo("missing_field");
            assertThat(socket.awaitFrameWithId("u0").path("message").asText()).startsWith("messageId");
            assertThat(socket.awaitFrameWithId("u1").path("message").asText()).startsWith("seq");

            socket.send("{\"id\":\"u2\",\"type\":\"unread\",\"conversationId\":\"" + conversation
                    + "\",\"messageId\":\"" + message + "\"}");
            JsonNode command = awaitRecord(commands, conversation.toString());
            assertThat(command.path("type").asText()).isEqualTo("unread");
            assertThat(command.path("clientId").asText()).isEqualTo("u2");
            assertThat(command.path("messageId").asText()).isEqualTo(message.toString());
            assertThat(command.path("senderId").asText()).isEqualTo(user.toString());
        }
    }

    @Test
    void aFieldTheFrameTypeDoesNotDefineIsRefusedByName() throws Exception {
        UUID conversation = UUID.randomUUID();
        try (KafkaConsumer<String, String> commands = consumer("chat.commands");
             TestSocket socket = TestSocket.withToken(vertx, base,
                     TestTokenIssuer.tokenFor(UUID.randomUUID(), "strict"))) {
            socket.send("{\"id\":\"a1\",\"type\":\"send\",\"conversationId\":\"" + conversation
                    + "\",\"body\":\"see file\",\"attachmentIds\":[\"" + UUID.randomUUID() + "\"]}");
            socket.send("{\"id\":\"p1\",\"type\":\"ping\",\"extra\":1}");
            socket.send("{\"id\":\"r1\",\"type\":\"read\",\"conversationId\":\"" + conversation
                    + "\",\"seq\":1,\"body\":\"x\"}");

            for (String id : List.of("a1", "p1", "r1")) {
                assertThat(socket.awaitFrameWithId(id).path("code").asText()).as(id).isEqualTo("invalid_field");
            }
            assertThat(socket.awaitFrameWithId("a1").path("message").asText()).startsWith("attachmentIds");
            assertThat(socket.awaitFrameWithId("p1").path("message").asText()).startsWith("extra");
            assertThat(socket.awaitFrameWithId("r1").path("message").asText()).startsWith("body");
            // The frames go in order: the first command of this conversation on Kafka is the valid one sent last.
            socket.send("{\"id\":\"ok\",\"type\":\"send\",\"conversationId\":\"" + conversation
                    + "\",\"body\":\"see file\",\"attachments\":[]}");
            assertThat(awaitRecord(commands, conversation.toString()).path("clientId").asText()).isEqualTo("ok");
        }
    }

    @Test
    void socketsIdlenessAndHeartbeatsAreReportedToPresenceKeyedByThisNode() throws Exception {
        UUID user = UUID.randomUUID();
        String node = presence.nodeId().toString();
        try (KafkaConsumer<String, String> signals = consumer("presence.signals")) {
            try (TestSocket socket = TestSocket.withToken(vertx, base, TestTokenIssuer.tokenFor(user, "present"))) {
                socket.send("{\"type\":\"idle\",\"id\":\"i1\",\"idle\":true}");
                socket.send("{\"type\":\"idle\",\"id\":\"i2\"}");
                assertThat(socket.awaitFrameWithId("i2").path("code").asText()).isEqualTo("missing_field");
            }
            List<JsonNode> mine = awaitSignals(signals, node, user.toString(), 3);
            assertThat(mine).extracting(s -> s.path("type").asText())
                    .containsExactly("socket.opened", "idle.changed", "socket.closed");
            assertThat(mine).extracting(s -> s.path("socketId").asText()).containsOnly(mine.get(0).path("socketId")
                    .asText());
            assertThat(mine.get(1).path("idle").asBoolean()).isTrue();
            assertThat(awaitSignals(signals, node, "node.heartbeat", 1).get(0).path("intervalMillis").asLong())
                    .isEqualTo(5000);
        }
    }

    @Test
    void framesOnAUsersChannelReachEverySocketOfThatUser() throws Exception {
        UUID user = UUID.randomUUID();
        String channel = ServerFrame.channelOf(user);
        try (TestSocket laptop = TestSocket.withToken(vertx, base, TestTokenIssuer.tokenFor(user, "multi"));
             TestSocket phone = TestSocket.withToken(vertx, base, TestTokenIssuer.tokenFor(user, "multi"))) {
            await().until(() -> subscribers(channel) == 1);

            redis.pubsub(String.class).publish(channel, "{\"type\":\"ack\",\"id\":\"to-both\"}");

            assertThat(laptop.awaitFrameWithId("to-both")).isNotNull();
            assertThat(phone.awaitFrameWithId("to-both")).isNotNull();
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> subscribers(channel) == 0);
    }

    @Test
    void anAnswerForOneSessionReachesOnlyThatSessionsSockets() throws Exception {
        UUID user = UUID.randomUUID();
        UUID phoneSession = UUID.randomUUID();
        UUID laptopSession = UUID.randomUUID();
        String channel = ServerFrame.channelOf(user);
        try (TestSocket laptop = TestSocket.withToken(vertx, base, TestTokenIssuer.sign(
                     TestTokenIssuer.claimsFor(user, "two", laptopSession)));
             TestSocket phone = TestSocket.withToken(vertx, base, TestTokenIssuer.sign(
                     TestTokenIssuer.claimsFor(user, "two", phoneSession)))) {
            await().until(() -> subscribers(channel) == 1);

            // Both devices used the id c-17; the phone's ack must not look like the laptop's.
            redis.pubsub(String.class).publish(channel, SessionFrame.wrap(phoneSession,
                    "{\"type\":\"ack\",\"id\":\"c-17\"}"));
            redis.pubsub(String.class).publish(channel, "{\"type\":\"ack\",\"id\":\"to-both\"}");

            assertThat(phone.awaitFrameWithId("c-17").path("type").asText()).isEqualTo("ack");
            laptop.awaitFrameWithId("to-both");
            phone.awaitFrameWithId("to-both");
            assertThat(laptop.frames()).extracting(frame -> frame.path("id").asText()).doesNotContain("c-17");

            // The answers to this node's commands come on its own channel, a batch's together; someone not here is
            // skipped.
            redis.pubsub(String.class).publish(node.answersChannel(), NodeAnswer.wrap(List.of(
                    new NodeAnswer(UUID.randomUUID(), UUID.randomUUID(), "{\"type\":\"ack\",\"id\":\"c-1\"}"),
                    new NodeAnswer(user, phoneSession, "{\"type\":\"ack\",\"id\":\"c-1\",\"seq\":1}"),
                    new NodeAnswer(user, laptopSession, "{\"type\":\"error\",\"id\":\"c-1\"}"),
                    new NodeAnswer(user, laptopSession, "{\"type\":\"ack\",\"id\":\"c-2\"}"))));

            assertThat(phone.awaitFrameWithId("c-1").path("seq").asLong()).isEqualTo(1);
            assertThat(laptop.awaitFrameWithId("c-1").path("type").asText()).isEqualTo("error");
            laptop.awaitFrameWithId("c-2");
            assertThat(phone.frames()).extracting(frame -> frame.path("id").asText()).containsOnlyOnce("c-1")
                    .doesNotContain("c-2");
        }
    }

    @Test
    void aFrameForManyUsersReachesTheSocketsOfEachUserNamedHereAndNoOther() throws Exception {
        UUID alice = UUID.randomUUID();
        UUID bob = UUID.randomUUID();
        UUID carol = UUID.randomUUID();
        List<UUID> room = new ArrayList<>(List.of(alice, bob));
        // Members held by other nodes are named too: this node skips them.
        Stream.generate(UUID::randomUUID).limit(MembersFrame.FROM_RECIPIENTS).forEach(room::add);
        try (TestSocket aliceLaptop = TestSocket.withToken(vertx, base, TestTokenIssuer.tokenFor(alice, "many"));
             TestSocket alicePhone = TestSocket.withToken(vertx, base, TestTokenIssuer.tokenFor(alice, "many"));
             TestSocket bobSocket = TestSocket.withToken(vertx, base, TestTokenIssuer.tokenFor(bob, "many"));
             TestSocket carolSocket = TestSocket.withToken(vertx, base, TestTokenIssuer.tokenFor(carol, "many"))) {
            await().until(() -> subscribers(ServerFrame.channelOf(carol)) == 1);

            redis.pubsub(String.class).publish(MembersFrame.CHANNEL, MembersFrame.wrap(room, TracedFrame.wrap(
                    "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01", "{\"type\":\"ack\",\"id\":\"room\"}")));
            // Published after it on the same connection: once Carol has this, she would have had the room's frame.
            redis.pubsub(String.class).publish(ServerFrame.channelOf(carol), "{\"type\":\"ack\",\"id\":\"later\"}");

            for (TestSocket member : List.of(aliceLaptop, alicePhone, bobSocket)) {
                assertThat(member.awaitFrameWithId("room").toString()).isEqualTo("{\"type\":\"ack\",\"id\":\"room\"}");
            }
            carolSocket.awaitFrameWithId("later");
            assertThat(carolSocket.frames()).extracting(frame -> frame.path("id").asText()).doesNotContain("room");
        }
    }

    @Test
    void subscriptionsComeBackAfterTheRedisConnectionDrops() throws Exception {
        UUID user = UUID.randomUUID();
        String channel = ServerFrame.channelOf(user);
        try (TestSocket socket = TestSocket.withToken(vertx, base, TestTokenIssuer.tokenFor(user, "r"))) {
            await().until(() -> subscribers(channel) == 1);

            redis.execute("CLIENT", "KILL", "TYPE", "pubsub");

            await().atMost(Duration.ofSeconds(20)).until(() -> {
                redis.pubsub(String.class).publish(channel, "{\"type\":\"ack\",\"id\":\"after-drop\"}");
                return socket.frames().stream().anyMatch(f -> f.path("id").asText().equals("after-drop"));
            });
            // The channel of frames for many users comes back first.
            redis.pubsub(String.class).publish(MembersFrame.CHANNEL, MembersFrame.wrap(List.of(user),
                    "{\"type\":\"ack\",\"id\":\"room-after-drop\"}"));
            socket.awaitFrameWithId("room-after-drop");
        }
    }

    @Test
    void floodingIsAnsweredWithRateLimitErrorsThenAClose() throws Exception {
        try (TestSocket socket = TestSocket.withToken(vertx, base, TestTokenIssuer.tokenFor(UUID.randomUUID(), "f"))) {
            for (int i = 0; i < 60; i++) {
                socket.send("{\"type\":\"ping\",\"id\":\"ping-" + i + "\"}");
            }
            socket.awaitFrameWithId("ping-59");
            assertThat(socket.frames()).anyMatch(f -> f.path("code").asText().equals("rate_limited"));
            assertThat(socket.isOpen()).isTrue();

            for (int i = 0; i < 400 && socket.isOpen(); i++) {
                socket.send("{\"type\":\"ping\",\"id\":\"flood-" + i + "\"}");
            }
            assertThat(socket.awaitClosed()).isEqualTo((short) CloseCodes.POLICY_VIOLATION);
        }
    }

    @Test
    void aRevokedSessionsSocketsAreClosed() throws Exception {
        UUID user = UUID.randomUUID();
        UUID session = UUID.randomUUID();
        String token = TestTokenIssuer.sign(TestTokenIssuer.claimsFor(user, "revoked", session));
        try (TestSocket revoked = TestSocket.withToken(vertx, base, token);
             TestSocket other = TestSocket.withToken(vertx, base, TestTokenIssuer.tokenFor(user, "revoked"))) {
            await().atMost(Duration.ofSeconds(60)).until(() -> {
                publishUserEvent(new SessionRevoked(user, session, "logout", Instant.now()));
                return !revoked.isOpen();
            });
            assertThat(revoked.awaitClosed()).isEqualTo((short) CloseCodes.SESSION_REVOKED);
            assertThat(other.isOpen()).isTrue();
        }
    }

    @Test
    void aSocketIsClosedWhenItsTokenExpires() throws Exception {
        UUID user = UUID.randomUUID();
        String shortLived = TestTokenIssuer.sign(TestTokenIssuer.claimsFor(user, "brief", UUID.randomUUID())
                .expiresAt(Instant.now().plusSeconds(3)));
        try (TestSocket socket = TestSocket.withToken(vertx, base, shortLived)) {
            socket.send("{\"type\":\"ping\",\"id\":\"alive\"}");
            socket.awaitFrameWithId("alive");

            assertThat(socket.awaitClosed()).isEqualTo((short) CloseCodes.TOKEN_EXPIRED);
        }
    }

    @Test
    void aClientThatStopsReadingIsClosedAndOthersKeepReceiving() throws Exception {
        UUID stalledUser = UUID.randomUUID();
        UUID brisk = UUID.randomUUID();
        String stalledChannel = ServerFrame.channelOf(stalledUser);
        try (StalledClient stalled = StalledClient.connect(base, TestTokenIssuer.tokenFor(stalledUser, "stalled"));
             TestSocket fast = TestSocket.withToken(vertx, base, TestTokenIssuer.tokenFor(brisk, "fast"))) {
            await().until(() -> subscribers(stalledChannel) == 1 && subscribers(ServerFrame.channelOf(brisk)) == 1);
            String big = "{\"type\":\"ack\",\"id\":\"filler\",\"pad\":\"" + "x".repeat(16_000) + "\"}";

            for (int i = 0; i < 5000 && subscribers(stalledChannel) == 1; i++) {
                redis.pubsub(String.class).publish(stalledChannel, big);
                if (i % 250 == 0) {
                    redis.pubsub(String.class).publish(ServerFrame.channelOf(brisk),
                            "{\"type\":\"ack\",\"id\":\"brisk-" + i + "\"}");
                }
            }

            await("the stalled socket is closed and its channel dropped").atMost(Duration.ofSeconds(30))
                    .until(() -> subscribers(stalledChannel) == 0);
            assertThat(fast.awaitFrameWithId("brisk-0")).isNotNull();
            redis.pubsub(String.class).publish(ServerFrame.channelOf(brisk), "{\"type\":\"ack\",\"id\":\"still\"}");
            assertThat(fast.awaitFrameWithId("still")).isNotNull();
            assertThat(fast.isOpen()).isTrue();
        }
    }

    private void assertRefused(MultiMap headers, int status) {
        assertThatThrownBy(() -> TestSocket.open(vertx, base, headers, List.of()))
                .isInstanceOf(ExecutionException.class)
                .cause().isInstanceOf(UpgradeRejectedException.class)
                .extracting(e -> ((UpgradeRejectedException) e).getStatus()).isEqualTo(status);
    }

    private static MultiMap bearer(String token) {
        return MultiMap.caseInsensitiveMultiMap().add("Authorization", "Bearer " + token);
    }

    private long subscribers(String channel) {
        var reply = redis.execute("PUBSUB", "NUMSUB", channel);
        return reply.get(1).toLong();
    }

    private KafkaConsumer<String, String> consumer(String topic) {
        Properties config = new Properties();
        config.put("bootstrap.servers", bootstrap);
        config.put("group.id", "gateway-test-" + UUID.randomUUID());
        config.put("auto.offset.reset", "earliest");
        KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config, new StringDeserializer(),
                new StringDeserializer());
        consumer.subscribe(List.of(topic));
        return consumer;
    }

    /** The first {@code count} signals keyed by the node that mention {@code text} (a user id or a type). */
    private static List<JsonNode> awaitSignals(KafkaConsumer<String, String> consumer, String node, String text,
                                               int count) {
        List<JsonNode> found = new ArrayList<>();
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                if (node.equals(record.key()) && record.value().contains(text)) {
                    found.add(JSON.readTree(record.value()));
                }
            }
            return found.size() >= count;
        });
        return found.subList(0, count);
    }

    private static JsonNode awaitRecord(KafkaConsumer<String, String> consumer, String key) {
        try {
            return JSON.readTree(awaitKafkaRecord(consumer, key).value());
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static ConsumerRecord<String, String> awaitKafkaRecord(KafkaConsumer<String, String> consumer,
                                                                   String key) {
        List<ConsumerRecord<String, String>> found = new ArrayList<>();
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                if (key.equals(record.key())) {
                    found.add(record);
                }
            }
            return !found.isEmpty();
        });
        return found.get(0);
    }

    private void publishUserEvent(SessionRevoked event) throws Exception {
        Properties config = new Properties();
        config.put("bootstrap.servers", bootstrap);
        try (var producer = new KafkaProducer<>(config, new StringSerializer(), new StringSerializer())) {
            String json = "{\"type\":\"user.session-revoked\",\"v\":1,\"userId\":\"" + event.userId()
                    + "\",\"sessionId\":\"" + event.sessionId() + "\",\"reason\":\"logout\",\"occurredAt\":\""
                    + event.occurredAt() + "\"}";
            producer.send(new ProducerRecord<>("user.events", event.userId().toString(), json)).get();
        }
    }
}
