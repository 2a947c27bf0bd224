package io.chatsuite.history.service;

import io.chatsuite.contracts.protocol.ServerFrame;
import io.chatsuite.history.mapping.EventJson;
import io.chatsuite.kit.redis.PipelinedPublishes;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.redis.client.Redis;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.UUID;

/**
 * Pushes a frame to every socket of one user, on their {@code user:{id}} channel. The fast path only: a device that
 * misses it reads the same state from the REST API when it (re)connects, so a failed publish is logged, never an error.
 */
@ApplicationScoped
public class UserFrames {

    private final Redis redis;
    private final EventJson json;

    public UserFrames(ReactiveRedisDataSource redis, EventJson json) {
        this.redis = redis.getRedis();
        this.json = json;
    }

    public Uni<Void> push(UUID userId, ServerFrame frame) {
        return new PipelinedPublishes().add(ServerFrame.channelOf(userId), json.write(frame)).send(redis)
                .onFailure().recoverWithNull();
    }
}
