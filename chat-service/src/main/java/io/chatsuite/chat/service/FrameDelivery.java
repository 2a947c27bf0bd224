package io.chatsuite.chat.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.chatsuite.chat.tracing.ChatTracing;
import io.chatsuite.contracts.protocol.ServerFrame;
import io.chatsuite.contracts.protocol.SessionFrame;
import io.chatsuite.contracts.protocol.TracedFrame;
import io.opentelemetry.context.Context;
import io.smallrye.mutiny.Uni;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.redis.datasource.pubsub.ReactivePubSubCommands;
import io.smallrye.mutiny.Multi;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Pushes frames to users through their Redis channels: the fast path. Many publishes are in flight at once, bounded
 * so a large fan-out never overruns the client's pool. A frame lost here is recovered by the client's resume from
 * history, so a failed publish is logged by the caller and not retried at the expense of others.
 */
@ApplicationScoped
public class FrameDelivery {

    // Within what the pool serves at once plus its waiting queue (quarkus.redis.max-pool-*).
    private static final int IN_FLIGHT = 32;
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final ReactivePubSubCommands<String> pubsub;
    private final ObjectMapper json;
    private final ChatTracing tracing;

    public FrameDelivery(ReactiveRedisDataSource redis, ObjectMapper json, ChatTracing tracing) {
        this.pubsub = redis.pubsub(String.class);
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
     * A pipeline of publishes, sent in one batch. Each frame carries the trace context it is added with in its
     * envelope (TracedFrame), so the gateway's delivery continues the trace; without a trace it is published bare.
     */
    public final class Outgoing {

        private final Map<String, List<String>> byChannel = new LinkedHashMap<>();

        public Outgoing add(UUID userId, ServerFrame frame, Context trace) {
            return add(userId, null, frame, trace);
        }

        /** A frame for the sockets of one session of the user (all of them when the session is null). */
        public Outgoing add(UUID userId, UUID sessionId, ServerFrame frame, Context trace) {
            append(userId, SessionFrame.wrap(sessionId, TracedFrame.wrap(tracing.traceparent(trace), write(frame))));
            return this;
        }

        /** One frame to many users: wrapped once, since a room's event goes to every member. */
        public Outgoing addAll(Collection<UUID> userIds, String frame, Context trace) {
            String published = TracedFrame.wrap(tracing.traceparent(trace), frame);
            userIds.forEach(userId -> append(userId, published));
            return this;
        }

        private void append(UUID userId, String published) {
            byChannel.computeIfAbsent(ServerFrame.channelOf(userId), channel -> new ArrayList<>()).add(published);
        }

        /**
         * Publishes everything: one user's frames one after the other, so each user sees them in order, and a
         * bounded number of users at a time. Gives up after a bounded time.
         */
        public Uni<Void> send() {
            if (byChannel.isEmpty()) {
                return Uni.createFrom().voidItem();
            }
            return Multi.createFrom().iterable(byChannel.entrySet())
                    .onItem().transformToUni(channel -> Multi.createFrom().iterable(channel.getValue())
                            .onItem().transformToUniAndConcatenate(frame -> pubsub.publish(channel.getKey(), frame)
                                    // One lost frame must not cancel everyone else's: resume recovers it.
                                    .onFailure().recoverWithNull())
                            .collect().last())
                    .merge(IN_FLIGHT)
                    .collect().last().replaceWithVoid()
                    .ifNoItem().after(TIMEOUT).fail();
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
