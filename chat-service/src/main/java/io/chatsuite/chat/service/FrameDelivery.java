package io.chatsuite.chat.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.chatsuite.chat.tracing.ChatTracing;
import io.chatsuite.contracts.protocol.NodeAnswer;
import io.chatsuite.contracts.protocol.ServerFrame;
import io.chatsuite.contracts.protocol.SessionFrame;
import io.chatsuite.contracts.protocol.TracedFrame;
import io.chatsuite.kit.redis.PipelinedPublishes;
import io.opentelemetry.context.Context;
import io.smallrye.mutiny.Uni;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.vertx.mutiny.redis.client.Redis;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Pushes frames to users through Redis: the fast path. Answers to commands go to the gateway node that sent them, one
 * publish per node for a batch ({@link NodeAnswer}); a frame for many users is published once for every node
 * ({@code MembersFrame}); anything else on the user's own channel. The publishes of one send are pipelined
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
        /** Answers for the sockets of each gateway node, published once per node when sent. */
        private final Map<UUID, List<NodeAnswer>> answers = new LinkedHashMap<>();

        /**
         * The answer to a command from the given session: on the channel of the gateway node that sent the command,
         * with the other answers for that node, or on the sender's channel when the command names no node.
         */
        public Outgoing answer(UUID node, UUID userId, UUID sessionId, ServerFrame frame, Context trace) {
            if (node == null || sessionId == null) {
                return add(userId, sessionId, frame, trace);
            }
            answers.computeIfAbsent(node, ignored -> new ArrayList<>()).add(new NodeAnswer(userId, sessionId,
                    TracedFrame.wrap(tracing.traceparent(trace), write(frame))));
            return this;
        }

        public Outgoing add(UUID userId, ServerFrame frame, Context trace) {
            return add(userId, null, frame, trace);
        }

        /** A frame for the sockets of one session of the user (all of them when the session is null). */
        public Outgoing add(UUID userId, UUID sessionId, ServerFrame frame, Context trace) {
            publishes.add(ServerFrame.channelOf(userId),
                    SessionFrame.wrap(sessionId, TracedFrame.wrap(tracing.traceparent(trace), write(frame))));
            return this;
        }

        /** One frame to many users: wrapped once, and from a few users on published once for all of them. */
        public Outgoing addAll(Collection<UUID> userIds, String frame, Context trace) {
            publishes.addToEach(userIds, TracedFrame.wrap(tracing.traceparent(trace), frame));
            return this;
        }

        /** Publishes everything, in the order added (each node's answers together), so each user sees them in order. */
        public Uni<Void> send() {
            answers.forEach((node, theirs) -> publishes.add(NodeAnswer.channelOf(node), NodeAnswer.wrap(theirs)));
            answers.clear();
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
