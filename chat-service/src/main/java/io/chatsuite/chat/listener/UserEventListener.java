package io.chatsuite.chat.listener;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.chatsuite.chat.repository.UserDirectory;
import io.chatsuite.contracts.user.BlockChanged;
import io.chatsuite.contracts.user.ProfileUpdated;
import io.chatsuite.contracts.user.UserEvent;
import io.chatsuite.contracts.user.UserRegistered;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/** Keeps the users and blocks chat-service authorizes with, from auth-service's user.events. */
@ApplicationScoped
public class UserEventListener {

    private static final Logger LOG = Logger.getLogger(UserEventListener.class);

    private final UserDirectory users;
    private final Pool pool;
    private final ObjectMapper json;

    public UserEventListener(UserDirectory users, Pool pool, ObjectMapper json) {
        this.users = users;
        this.pool = pool;
        this.json = json;
    }

    @Incoming("user-events")
    public Uni<Void> consume(String payload) {
        UserEvent event;
        try {
            event = json.readValue(payload, UserEvent.class);
        } catch (JsonProcessingException e) {
            LOG.errorf("skipping an unreadable user event: %s", e.getOriginalMessage());
            return Uni.createFrom().voidItem();
        }
        if (event instanceof UserRegistered registered) {
            return pool.withConnection(c -> users.upsertUser(c, registered.userId(), registered.username(),
                    registered.displayName()));
        }
        if (event instanceof ProfileUpdated updated) {
            return pool.withConnection(c -> users.upsertUser(c, updated.userId(), updated.username(),
                    updated.displayName()));
        }
        if (event instanceof BlockChanged block) {
            return pool.withConnection(c -> users.setBlocked(c, block.userId(), block.blockedUserId(), block.blocked()));
        }
        return Uni.createFrom().voidItem();
    }
}
