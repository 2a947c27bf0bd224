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
import io.smallrye.mutiny.Multi;
import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Redis;
import io.vertx.mutiny.redis.client.Request;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * Pushes frames to users through their Redis channels: the fast path. The publishes of one send are pipelined on one
 * connection (a few hundred per write, the next chunk after the previous one's replies), not one pooled connection
 * per publish. A frame lost here is recovered by the client's resume from history, so a failed publish is logged by
 * the caller and not retried at the expense of others.
 */
@ApplicationScoped
public class FrameDelivery {

    private static final Logger LOG = Logger.getLogger(FrameDelivery.class);
    // Publishes per pipelined write: a large room's event to every member in a few round trips, bounded in memory.
    private static final int PIPELINE_CHUNK = 512;
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

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

        private final List<Request> requests = new ArrayList<>();

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
            requests.add(Request.cmd(Command.PUBLISH).arg(ServerFrame.channelOf(userId)).arg(published));
        }

        /**
         * Publishes everything, in the order added, on one connection per chunk and one chunk after the other, so each
         * user sees their frames in order. Gives up after a bounded time.
         */
        public Uni<Void> send() {
            if (requests.isEmpty()) {
                return Uni.createFrom().voidItem();
            }
            List<List<Request>> chunks = new ArrayList<>();
            for (int from = 0; from < requests.size(); from += PIPELINE_CHUNK) {
                chunks.add(requests.subList(from, Math.min(from + PIPELINE_CHUNK, requests.size())));
            }
            return Multi.createFrom().iterable(chunks)
                    .onItem().transformToUniAndConcatenate(chunk -> redis.batch(chunk)
                            // One lost chunk must not cancel the rest: resume recovers its frames.
                            .onFailure().invoke(failure -> LOG.warnf("%d frames were not published: %s", chunk.size(),
                                    failure.toString()))
                            .onFailure().recoverWithNull())
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
