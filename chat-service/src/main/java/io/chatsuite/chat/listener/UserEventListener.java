package io.chatsuite.chat.listener;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import io.chatsuite.chat.repository.UserDirectory;
import io.chatsuite.chat.service.ConversationService;
import io.chatsuite.contracts.user.BlockChanged;
import io.chatsuite.contracts.user.ProfileUpdated;
import io.chatsuite.contracts.user.UserDeleted;
import io.chatsuite.contracts.user.UserEvent;
import io.chatsuite.contracts.user.UserRegistered;
import io.chatsuite.kit.consumer.RecordRetry;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.UncheckedIOException;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Keeps the users, pictures and blocks chat-service authorizes and shows with, from auth-service's user.events, and
 * takes a deleted account out of its conversations. A record waits while
 * the database is away; one that can never be read or stored goes to user.events.dead-letter ({@link RecordRetry}).
 */
@ApplicationScoped
public class UserEventListener {

    static final String CHANNEL = "user-events";

    private final UserDirectory users;
    private final ConversationService conversations;
    private final Pool pool;
    private final ObjectReader userEvents;
    private final RecordRetry retry;

    public UserEventListener(UserDirectory users, ConversationService conversations, Pool pool, ObjectMapper json,
                             RecordRetry retry) {
        this.users = users;
        this.conversations = conversations;
        this.pool = pool;
        // auth-service may add event types chat-service does not need; those read as null and are passed over.
        this.userEvents = json.readerFor(UserEvent.class).without(DeserializationFeature.FAIL_ON_INVALID_SUBTYPE);
        this.retry = retry;
    }

    @Incoming(CHANNEL)
    public Uni<Void> consume(ConsumerRecord<String, String> record) {
        return retry.apply(CHANNEL, record, () -> apply(read(record.value())));
    }

    private UserEvent read(String payload) {
        try {
            return userEvents.readValue(payload);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException("unreadable user event", e);
        }
    }

    private Uni<Void> apply(UserEvent event) {
        if (event instanceof UserRegistered registered) {
            return pool.withConnection(c -> users.upsertUser(c, registered.userId(), registered.username(),
                    registered.displayName()));
        }
        if (event instanceof ProfileUpdated updated) {
            return pool.withConnection(c -> users.upsertProfile(c, updated.userId(), updated.username(),
                    updated.displayName(), updated.avatarId()));
        }
        if (event instanceof BlockChanged block) {
            return pool.withConnection(c -> users.setBlocked(c, block.userId(), block.blockedUserId(), block.blocked()));
        }
        if (event instanceof UserDeleted deleted) {
            return conversations.removeDeletedUser(deleted.userId());
        }
        return Uni.createFrom().voidItem();
    }
}
