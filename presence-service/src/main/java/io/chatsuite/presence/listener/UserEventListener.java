package io.chatsuite.presence.listener;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import io.chatsuite.contracts.protocol.FriendshipFrame;
import io.chatsuite.contracts.protocol.ProfileFrame;
import io.chatsuite.contracts.user.BlockChanged;
import io.chatsuite.contracts.user.FriendshipChanged;
import io.chatsuite.contracts.user.ProfileUpdated;
import io.chatsuite.contracts.user.UserEvent;
import io.chatsuite.kit.consumer.DeadLetteredRecord;
import io.chatsuite.kit.consumer.RecordRetry;
import io.chatsuite.presence.repository.PresenceStore;
import io.chatsuite.presence.repository.VisibilityGraph;
import io.chatsuite.presence.repository.VisibilityGraph.Position;
import io.chatsuite.presence.service.FrameFanout;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.UncheckedIOException;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Learns friendships and blocks from user.events, and tells everyone who may see a user of their new profile. Each
 * event carries the new state, so a repeated record (the outbox delivers at least once) changes nothing.
 */
@ApplicationScoped
public class UserEventListener {

    static final String CHANNEL = "user-events";

    private final VisibilityGraph graph;
    private final ObjectReader userEvents;
    private final RecordRetry retry;
    private final FrameFanout frames;
    private final PresenceStore store;

    public UserEventListener(VisibilityGraph graph, ObjectMapper json, RecordRetry retry, FrameFanout frames,
                             PresenceStore store) {
        this.graph = graph;
        this.store = store;
        this.frames = frames;
        // Event types presence-service does not know read as null: they only move the position.
        this.userEvents = json.readerFor(UserEvent.class).without(DeserializationFeature.FAIL_ON_INVALID_SUBTYPE);
        this.retry = retry;
    }

    /**
     * Redis being away holds the graph here (retried until it is back); a record that can never be read goes to
     * user.events.dead-letter, and the graph's position moves past it.
     */
    @Incoming(CHANNEL)
    public Uni<Void> consume(ConsumerRecord<String, String> record) {
        Position position = Position.after(record.topic(), record.partition(), record.offset());
        return retry.apply(CHANNEL, record, () -> apply(read(record.value()), position))
                .onFailure(DeadLetteredRecord.class)
                .call(() -> retry.apply(CHANNEL, record, () -> graph.passed(position)));
    }

    private UserEvent read(String payload) {
        try {
            return userEvents.readValue(payload);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException("unreadable user event", e);
        }
    }

    private Uni<Void> apply(UserEvent event, Position position) {
        if (event instanceof FriendshipChanged friendship) {
            return graph.friendship(friendship.userId(), friendship.otherUserId(),
                    friendship.state() == FriendshipChanged.FriendshipState.FRIENDS, friendship.occurredAt(), position)
                    .call(() -> tellBoth(friendship));
        }
        if (event instanceof BlockChanged block) {
            return graph.block(block.userId(), block.blockedUserId(), block.blocked(), position);
        }
        if (event instanceof ProfileUpdated profile) {
            return graph.passed(position).call(() -> tellAudience(profile));
        }
        return graph.passed(position);
    }

    /**
     * Open clients show a new name or picture at once (auth-service, which owns profiles, has no sockets; presence
     * knows who may see whom). The fast path only, like {@link #tellBoth}: a failure holds nothing up.
     */
    private Uni<Void> tellAudience(ProfileUpdated profile) {
        return store.audienceOf(profile.userId())
                .chain(audience -> frames.profile(new ProfileFrame(profile.userId(), profile.username(),
                        profile.displayName(), profile.avatarId()), audience))
                .onFailure().recoverWithNull();
    }

    /**
     * Both users' open friends lists follow at once (auth-service, which owns friendships, has no sockets; presence
     * already reads user.events and publishes on users' channels). A frame lost with Redis is the fast path only:
     * the lists are read again from auth-service. Its failure does not hold the graph (already moved on).
     */
    private Uni<Void> tellBoth(FriendshipChanged friendship) {
        return frames.friendship(new FriendshipFrame(friendship.userId(), friendship.otherUserId(), friendship.state()))
                .onFailure().recoverWithNull();
    }
}
