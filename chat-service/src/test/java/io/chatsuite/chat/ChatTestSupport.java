package io.chatsuite.chat;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.chatsuite.contracts.chat.ChatCommand;
import io.chatsuite.contracts.protocol.MembersFrame;
import io.chatsuite.contracts.protocol.ServerFrame;
import io.chatsuite.contracts.protocol.SessionFrame;
import io.chatsuite.contracts.protocol.TracedFrame;
import io.chatsuite.contracts.user.BlockChanged;
import io.chatsuite.contracts.user.UserEvent;
import io.chatsuite.contracts.user.UserRegistered;
import io.chatsuite.devstack.testing.TestTokenIssuer;
import io.quarkus.redis.datasource.RedisDataSource;
import io.restassured.http.ContentType;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** What chat-service's tests do from the outside: users via user.events, commands via Kafka, frames via Redis. */
@ApplicationScoped
public class ChatTestSupport {

    private final KafkaProducer<String, String> producer;
    private final RedisDataSource redis;
    private final Map<String, List<Frames>> listeners = new ConcurrentHashMap<>();
    private boolean subscribed;
    private final ObjectMapper json;

    public ChatTestSupport(@ConfigProperty(name = "kafka.bootstrap.servers") String bootstrap, RedisDataSource redis,
                           ObjectMapper json) {
        Properties config = new Properties();
        config.put("bootstrap.servers", bootstrap);
        config.put("acks", "all");
        this.producer = new KafkaProducer<>(config, new StringSerializer(), new StringSerializer());
        this.redis = redis;
        this.json = json;
    }

    /** A user chat-service knows of: registered through user.events, as auth-service announces them. */
    public TestUser newUser(String name) {
        UUID id = UUID.randomUUID();
        publish(new UserRegistered(id, name, name + " display", Instant.now()));
        return device(id, name);
    }

    /** A login session (one device) of a user: its own token and session id. */
    public TestUser device(UUID userId, String name) {
        UUID session = UUID.randomUUID();
        return new TestUser(userId, name, session, TestTokenIssuer.sign(TestTokenIssuer.claimsFor(userId, name,
                session)));
    }

    /** Waits until chat-service has taken in every user (a direct conversation with them can be opened). */
    public void awaitKnown(TestUser asker, TestUser... users) {
        for (TestUser user : users) {
            await().atMost(Duration.ofSeconds(60)).until(() -> given().auth().oauth2(asker.token())
                    .contentType(ContentType.JSON).body(Map.of("userId", user.id()))
                    .post("/api/conversations/direct").statusCode() == 200);
        }
    }

    public void block(TestUser blocker, TestUser blocked) {
        publish(new BlockChanged(blocker.id(), blocked.id(), true, Instant.now()));
    }

    public void publish(UserEvent event) {
        send("user.events", event.userId(), event);
    }

    public void send(ChatCommand command) {
        send("chat.commands", command.conversationId(), command);
    }

    /** A command as a gateway sends it with tracing on: its span's context in the record's traceparent header. */
    public void send(ChatCommand command, String traceparent) {
        try {
            ProducerRecord<String, String> record = new ProducerRecord<>("chat.commands",
                    command.conversationId().toString(), json.writeValueAsString(command));
            record.headers().add("traceparent", traceparent.getBytes(StandardCharsets.UTF_8));
            producer.send(record).get();
        } catch (Exception e) {
            throw new AssertionError("could not produce to chat.commands", e);
        }
    }

    /** A payload as it is, however malformed, as a faulty or hostile producer could put it on a topic. */
    public org.apache.kafka.clients.producer.RecordMetadata sendRaw(String topic, String key, String payload) {
        try {
            return producer.send(new ProducerRecord<>(topic, key, payload)).get();
        } catch (Exception e) {
            throw new AssertionError("could not produce to " + topic, e);
        }
    }

    private void send(String topic, UUID key, Object value) {
        try {
            producer.send(new ProducerRecord<>(topic, key.toString(), json.writeValueAsString(value))).get();
        } catch (Exception e) {
            throw new AssertionError("could not produce to " + topic, e);
        }
    }

    /** Every frame pushed to the user from now on, as JSON. */
    public Frames listen(TestUser user) {
        Frames frames = new Frames();
        listeners.computeIfAbsent(ServerFrame.channelOf(user.id()), channel -> new CopyOnWriteArrayList<>())
                .add(frames);
        subscribeToEveryUserChannel();
        return frames;
    }

    /**
     * One pattern subscription (and the channel of frames for many users) for every test, made once: a subscription
     * holds a pooled Redis connection until it ends, so one per listener would drain the pool that the service itself
     * publishes through.
     */
    private synchronized void subscribeToEveryUserChannel() {
        if (subscribed) {
            return;
        }
        redis.pubsub(String.class).subscribeToPattern("user:*", this::received); // every ServerFrame.channelOf(userId)
        // A frame for many users (a room's event) is published once, as gateway nodes hear it, for every user named.
        redis.pubsub(String.class).subscribe(MembersFrame.CHANNEL, message -> {
            MembersFrame targeted = MembersFrame.read(message);
            targeted.to().forEach(user -> received(ServerFrame.channelOf(user), targeted.published()));
        });
        subscribed = true;
    }

    private void received(String channel, String message) {
        // With tracing on, frames come in their trace envelope; tests see the frame as clients do.
        // Acks and errors come in their session envelope; tests see them as the session's sockets do.
        SessionFrame targeted = SessionFrame.read(message);
        TracedFrame published = TracedFrame.read(targeted.published());
        JsonNode frame;
        try {
            frame = json.readTree(published.frame());
        } catch (Exception e) {
            throw new AssertionError("a frame that is not JSON: " + message, e);
        }
        listeners.getOrDefault(channel, List.of()).forEach(frames -> {
            if (published.traceparent() != null) {
                frames.traceparents.put(frame, published.traceparent());
            }
            frames.queue.add(frame);
        });
    }

    public record TestUser(UUID id, String name, UUID session, String token) {
    }

    /** Frames received on one user's channel. */
    public static final class Frames {

        private final ConcurrentLinkedQueue<JsonNode> queue = new ConcurrentLinkedQueue<>();
        private final Map<JsonNode, String> traceparents = Collections.synchronizedMap(new IdentityHashMap<>());

        /** The traceparent the frame was published with (tracing on), or null. */
        public String traceparentOf(JsonNode frame) {
            return traceparents.get(frame);
        }

        public List<JsonNode> ofType(String type) {
            return queue.stream().filter(frame -> frame.path("type").asText().equals(type)).toList();
        }

        public List<JsonNode> events(String eventType) {
            return ofType("event").stream().map(frame -> frame.get("event"))
                    .filter(event -> event.path("type").asText().equals(eventType)).toList();
        }

        /** Every reply (ack or error) to the client id, in the order received. */
        public List<JsonNode> replies(String clientId) {
            return queue.stream().filter(frame -> clientId.equals(frame.path("id").asText(null))).toList();
        }

        public JsonNode awaitReply(String clientId) {
            await().atMost(Duration.ofSeconds(60)).until(() -> reply(clientId) != null);
            return reply(clientId);
        }

        private JsonNode reply(String clientId) {
            return queue.stream().filter(frame -> clientId.equals(frame.path("id").asText(null)))
                    .findFirst().orElse(null);
        }
    }
}
