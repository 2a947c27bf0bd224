package io.chatsuite.presence.testing;

import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.chatsuite.contracts.protocol.MembersFrame;
import io.chatsuite.contracts.protocol.ServerFrame;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.redis.datasource.pubsub.PubSubCommands.RedisSubscriber;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * What a user's sockets would receive: every frame published on their {@code user:{id}} channel, and every frame
 * for many users that names them.
 */
public final class FrameInbox implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final ConcurrentLinkedQueue<JsonNode> frames = new ConcurrentLinkedQueue<>();
    private final RedisSubscriber subscriber;

    private FrameInbox(RedisDataSource redis, UUID user) {
        // A frame for many recipients comes once on the channel every gateway node hears, naming them.
        subscriber = redis.pubsub(String.class).subscribe(List.of(ServerFrame.channelOf(user), MembersFrame.CHANNEL),
                text -> {
                    MembersFrame many = MembersFrame.read(text);
                    if (many == null) {
                        add(text);
                    } else if (many.to().contains(user)) {
                        add(many.published());
                    }
                });
    }

    private void add(String text) {
        try {
            frames.add(JSON.readTree(text));
        } catch (Exception e) {
            throw new AssertionError("a frame that is not JSON: " + text, e);
        }
    }

    public static FrameInbox of(RedisDataSource redis, UUID user) {
        return new FrameInbox(redis, user);
    }

    /** The frames of a type, in arrival order. */
    public List<JsonNode> ofType(String type) {
        return frames.stream().filter(f -> f.path("type").asText().equals(type)).toList();
    }

    /** The statuses announced for a user, in order. */
    public List<String> statusesOf(UUID user) {
        return ofType("presence").stream().filter(f -> f.path("userId").asText().equals(user.toString()))
                .map(f -> f.path("status").asText()).toList();
    }

    public JsonNode awaitStatus(UUID user, String status, Duration within) {
        await().atMost(within).until(() -> lastStatus(user, status) != null);
        return lastStatus(user, status);
    }

    private JsonNode lastStatus(UUID user, String status) {
        List<JsonNode> matching = ofType("presence").stream()
                .filter(f -> f.path("userId").asText().equals(user.toString()))
                .filter(f -> f.path("status").asText().equals(status)).toList();
        return matching.isEmpty() ? null : matching.get(matching.size() - 1);
    }

    /** The typing frames about one conversation, as "userId:true|false". */
    public List<String> typing(UUID conversation) {
        return ofType("typing").stream().filter(f -> f.path("conversationId").asText().equals(conversation.toString()))
                .map(f -> f.path("userId").asText() + ":" + f.path("typing").asBoolean()).toList();
    }

    public List<JsonNode> all() {
        return List.copyOf(frames);
    }

    @Override
    public void close() {
        subscriber.unsubscribe();
    }
}
