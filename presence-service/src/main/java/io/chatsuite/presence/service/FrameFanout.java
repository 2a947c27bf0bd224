package io.chatsuite.presence.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.chatsuite.contracts.protocol.PresenceFrame;
import io.chatsuite.contracts.protocol.ServerFrame;
import io.chatsuite.contracts.protocol.TypingFrame;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.redis.datasource.pubsub.ReactivePubSubCommands;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * Publishes presence and typing frames on the recipients' {@code user:{id}} channels, a bounded number at once.
 * Presence frames are the fast path: a client that missed one asks GET /api/presence after reconnecting.
 */
@ApplicationScoped
public class FrameFanout {

    private static final Logger LOG = Logger.getLogger(FrameFanout.class);
    private static final int IN_FLIGHT = 32;
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final ReactivePubSubCommands<String> pubsub;
    private final ObjectMapper json;

    public FrameFanout(ReactiveRedisDataSource redis, ObjectMapper json) {
        this.pubsub = redis.pubsub(String.class);
        this.json = json;
    }

    public Uni<Void> presence(List<PresenceChange> changes) {
        return Multi.createFrom().iterable(changes)
                .onItem().transformToUniAndConcatenate(change -> send(change.audience(),
                        new PresenceFrame(change.userId(), change.status(), change.lastSeenAt())))
                .collect().last().replaceWithVoid();
    }

    public Uni<Void> typing(List<TypingChange> changes) {
        return Multi.createFrom().iterable(changes)
                .onItem().transformToUniAndConcatenate(change -> send(change.recipients(),
                        new TypingFrame(change.conversationId(), change.userId(), change.typing())))
                .collect().last().replaceWithVoid();
    }

    private Uni<Void> send(List<UUID> recipients, ServerFrame frame) {
        if (recipients.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        String text;
        try {
            text = json.writeValueAsString(frame);
        } catch (JsonProcessingException e) {
            return Uni.createFrom().failure(e);
        }
        return Multi.createFrom().iterable(recipients)
                .onItem().transformToUni(user -> pubsub.publish(ServerFrame.channelOf(user), text)
                        // One lost frame must not cancel the others'.
                        .onFailure().invoke(failure -> LOG.debugf("frame to %s lost: %s", user, failure.getMessage()))
                        .onFailure().recoverWithNull())
                .merge(IN_FLIGHT)
                .collect().last().replaceWithVoid()
                .ifNoItem().after(TIMEOUT).fail();
    }
}
