package io.chatsuite.chat.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.chatsuite.chat.tracing.ChatTracing;
import io.chatsuite.contracts.protocol.ServerFrame;
import io.chatsuite.contracts.protocol.SessionFrame;
import io.chatsuite.contracts.protocol.TracedFrame;
import io.chatsuite.kit.redis.PipelinedPublishes;
import io.opentelemetry.context.Context;
import io.smallrye.mutiny.Uni;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.vertx.mutiny.redis.client.Redis;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Collection;
import java.util.UUID;

/**
 * Pushes frames to users through their Redis channels: the fast path. The publishes of one send are pipelined
 * ({@link PipelinedPublishes}). A frame lost here is recovered by the client's resume from history, so a failed
 * publish is logged and not retried at the expense of others.
 */
@ApplicationScoped
public class FrameDelivery {

    private final Redis redis;
    private final ObjectMapper json;
    private final ChatTracing tracing;

    public FrameDelivery(ReactiveRedisDataSource redis, ObjectMapper json, ChatTracing tracing) {
        this.redis = redis.getRedis();
        this.json = json;
        this.tracing = tracing;
    }

    /** Frames to publish together. */
    public Outgoing outgoing() {
        return new Outgoing();
    }

    /** An event frame around an event payload as stored, without parsing and writing it again. */
    static String eventFrame(String eventPayload) {
        return "{\"type\":\"event\",\"event\":" + eventPayload + "}";
    }

    /**
     * A pipeline of publishes, sent together. Each frame carries the trace context it is added with in its
     * envelope (TracedFrame), so the gateway's delivery continues the trace; without a trace it is published bare.
     */
    public final class Outgoing {

        private final PipelinedPublishes publishes = new PipelinedPublishes();

        public Outgoing add(UUID userId, ServerFrame frame, Context trace) {
            return add(userId, null, frame, trace);
        }

        /** A frame for the sockets of one session of the user (all of them when the session is null). */
        public Outgoing add(UUID userId, UUID sessionId, ServerFrame frame, Context trace) {
            publishes.add(ServerFrame.channelOf(userId),
                    SessionFrame.wrap(sessionId, TracedFrame.wrap(tracing.traceparent(trace), write(frame))));
            return this;
        }

        /** One frame to many users: wrapped once, since a room's event goes to every member. */
        public Outgoing addAll(Collection<UUID> userIds, String frame, Context trace) {
            String published = TracedFrame.wrap(tracing.traceparent(trace), frame);
            userIds.forEach(userId -> publishes.add(ServerFrame.channelOf(userId), published));
            return this;
        }

        /** Publishes everything, in the order added, so each user sees their frames in order. */
        public Uni<Void> send() {
            return publishes.send(redis);
        }
    }

    private String write(ServerFrame frame) {
        try {
            return json.writeValueAsString(frame);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a frame that cannot be written as JSON: " + frame, e);
        }
    }
}
