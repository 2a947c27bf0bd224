package io.chatsuite.presence.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.chatsuite.contracts.protocol.FriendshipFrame;
import io.chatsuite.contracts.protocol.PresenceFrame;
import io.chatsuite.contracts.protocol.ProfileFrame;
import io.chatsuite.contracts.protocol.ServerFrame;
import io.chatsuite.contracts.protocol.TypingFrame;
import io.chatsuite.kit.redis.PipelinedPublishes;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.redis.client.Redis;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Publishes presence, typing, friendship and profile frames to their recipients, all the changes of one signal pipelined
 * together ({@link PipelinedPublishes}): a user arriving in a 1,000-member room is one frame for all the members,
 * published once for every gateway node, where one publish per member and round trip made presence-service the busiest
 * process of the fan-out benchmark.
 * Presence frames are the fast path: a client that missed one asks GET /api/presence after reconnecting.
 */
@ApplicationScoped
public class FrameFanout {

    private final Redis redis;
    private final ObjectMapper json;

    public FrameFanout(ReactiveRedisDataSource redis, ObjectMapper json) {
        this.redis = redis.getRedis();
        this.json = json;
    }

    public Uni<Void> presence(List<PresenceChange> changes) {
        PipelinedPublishes publishes = new PipelinedPublishes();
        for (PresenceChange change : changes) {
            add(publishes, change.audience(), new PresenceFrame(change.userId(), change.status(), change.lastSeenAt()));
        }
        return publishes.send(redis);
    }

    public Uni<Void> typing(List<TypingChange> changes) {
        PipelinedPublishes publishes = new PipelinedPublishes();
        for (TypingChange change : changes) {
            add(publishes, change.recipients(), new TypingFrame(change.conversationId(), change.userId(),
                    change.typing()));
        }
        return publishes.send(redis);
    }

    /** To both users: the request or friendship is on both their friends lists. */
    public Uni<Void> friendship(FriendshipFrame frame) {
        PipelinedPublishes publishes = new PipelinedPublishes();
        add(publishes, List.of(frame.userId(), frame.otherUserId()), frame);
        return publishes.send(redis);
    }

    /** To the user's own devices and to everyone who may see them. */
    public Uni<Void> profile(ProfileFrame frame, List<UUID> audience) {
        PipelinedPublishes publishes = new PipelinedPublishes();
        List<UUID> recipients = new ArrayList<>(audience);
        recipients.add(frame.userId());
        add(publishes, recipients, frame);
        return publishes.send(redis);
    }

    private void add(PipelinedPublishes publishes, List<UUID> recipients, ServerFrame frame) {
        if (recipients.isEmpty()) {
            return;
        }
        String text;
        try {
            text = json.writeValueAsString(frame);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a frame that cannot be written as JSON: " + frame, e);
        }
        publishes.addToEach(recipients, text);
    }
}
