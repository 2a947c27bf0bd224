package io.chatsuite.presence.repository;

import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Who may see whom, learned from user.events (friends, blocks) and chat.events (members), kept in Redis with the
 * position of the consumer that built it, so an empty Redis means "read the topics from the start". A user event's
 * change and its offset are written in one script; chat.events, read in batches, saves its position once per batch,
 * after the batch's changes ({@link #positions}). A crash in between replays the batch's changes, which is harmless:
 * each sets or removes a membership (or a friendship, newest wins), so replaying them in order ends where they ended.
 */
@ApplicationScoped
public class VisibilityGraph {

    /** The hash of next offsets per topic-partition, read back by GraphPosition at each assignment. */
    public static final String OFFSETS = "presence:offsets";

    private final PresenceStore store;
    private final ReactiveRedisDataSource redis;

    public VisibilityGraph(PresenceStore store, ReactiveRedisDataSource redis) {
        this.store = store;
        this.redis = redis;
    }

    /** The field under which a partition's next offset is kept. */
    public static String positionField(String topic, int partition) {
        return topic + ":" + partition;
    }

    public Uni<Void> membersJoined(UUID conversation, Collection<UUID> users, Position position) {
        List<String> args = new ArrayList<>(List.of(conversation.toString(), position.field(), position.next()));
        users.forEach(user -> args.add(user.toString()));
        return run(PresenceScripts.MEMBERS_JOINED, args);
    }

    public Uni<Void> memberLeft(UUID conversation, UUID user, Position position) {
        return run(PresenceScripts.MEMBER_LEFT, List.of(conversation.toString(), position.field(), position.next(),
                user.toString()));
    }

    public Uni<Void> friendship(UUID user, UUID other, boolean friends, Instant at, Position position) {
        return run(PresenceScripts.FRIENDSHIP, List.of(user.toString(), position.field(), position.next(),
                other.toString(), friends ? "1" : "0", Long.toString(at.toEpochMilli())));
    }

    public Uni<Void> block(UUID blocker, UUID blocked, boolean blocking, Position position) {
        return run(PresenceScripts.BLOCK, List.of(blocker.toString(), position.field(), position.next(),
                blocked.toString(), blocking ? "1" : "0"));
    }

    /** A record that changes nothing here still moves the position. */
    public Uni<Void> passed(Position position) {
        return run(PresenceScripts.POSITION, List.of("", position.field(), position.next()));
    }

    /** Where the consumers of a batch stand after it: one write, whatever the batch's size. */
    public Uni<Void> positions(Map<String, String> nextOffsets) {
        if (nextOffsets.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return redis.hash(String.class).hset(OFFSETS, nextOffsets).replaceWithVoid();
    }

    private Uni<Void> run(String script, List<String> args) {
        return store.eval(script, args.toArray(String[]::new)).replaceWithVoid();
    }

    /** Where a consumer stands after a record: its partition's field and the next offset to read. */
    public record Position(String field, String next) {

        /** A change whose position is saved apart, with its batch's ({@link #positions}). */
        public static final Position SAVED_WITH_BATCH = new Position("", "");

        public static Position after(String topic, int partition, long offset) {
            return new Position(positionField(topic, partition), Long.toString(offset + 1));
        }
    }
}
