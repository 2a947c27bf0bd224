package io.chatsuite.presence.repository;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.UUID;

/**
 * Who may see whom, learned from user.events (friends, blocks) and chat.events (members), kept in Redis with the
 * position of the consumer that built it: each change and its offset are written in one script, so the graph and its
 * position never disagree, and an empty Redis means "read the topics from the start".
 */
@ApplicationScoped
public class VisibilityGraph {

    private final PresenceStore store;

    public VisibilityGraph(PresenceStore store) {
        this.store = store;
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

    private Uni<Void> run(String script, List<String> args) {
        return store.eval(script, args.toArray(String[]::new)).replaceWithVoid();
    }

    /** Where a consumer stands after a record: its partition's field and the next offset to read. */
    public record Position(String field, String next) {

        public static Position after(String topic, int partition, long offset) {
            return new Position(positionField(topic, partition), Long.toString(offset + 1));
        }
    }
}
