package io.chatsuite.chat.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.chatsuite.contracts.protocol.ServerFrame;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.redis.datasource.pubsub.ReactivePubSubCommands;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Collection;
import java.util.UUID;

/**
 * Pushes frames to users through their Redis channels: the fast path. A frame lost here is recovered by the client's
 * resume from history, so a failed publish is logged by the caller, never retried at the expense of others.
 */
@ApplicationScoped
public class FrameDelivery {

    private final ReactivePubSubCommands<String> pubsub;
    private final ObjectMapper json;

    public FrameDelivery(ReactiveRedisDataSource redis, ObjectMapper json) {
        this.pubsub = redis.pubsub(String.class);
        this.json = json;
    }

    public Uni<Void> toUser(UUID userId, ServerFrame frame) {
        return pubsub.publish(ServerFrame.channelOf(userId), write(frame));
    }

    /** One already serialized frame to many users (an event fanned out to a conversation's members). */
    public Uni<Void> toUsers(Collection<UUID> userIds, String frame) {
        if (userIds.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return Uni.join().all(userIds.stream().map(id -> pubsub.publish(ServerFrame.channelOf(id), frame)).toList())
                .andCollectFailures().replaceWithVoid();
    }

    /** An event frame around an event payload as stored, without parsing and writing it again. */
    static String eventFrame(String eventPayload) {
        return "{\"type\":\"event\",\"event\":" + eventPayload + "}";
    }

    private String write(ServerFrame frame) {
        try {
            return json.writeValueAsString(frame);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a frame that cannot be written as JSON: " + frame, e);
        }
    }
}
