package io.chatsuite.history.repository;

import static io.chatsuite.history.repository.Columns.instant;
import static io.chatsuite.history.repository.Columns.utc;

import io.chatsuite.contracts.notification.ConversationNotifications;
import io.chatsuite.contracts.notification.DoNotDisturb;
import io.chatsuite.contracts.notification.NotificationMode;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Arrays;
import java.util.Optional;
import java.util.UUID;

/**
 * A user's notification settings: per conversation on their member row (so only a member has any, and leaving
 * forgets them), and do-not-disturb per account. Stored as given; whether a mute has run out is decided when read.
 */
@ApplicationScoped
public class NotificationSettingsRepository {

    /** The columns of a member row that {@link #conversationSettings} reads. */
    static final String COLUMNS = "m.notification_mode, m.muted, m.muted_until";

    private final Pool pool;

    public NotificationSettingsRepository(Pool pool) {
        this.pool = pool;
    }

    /** Stores the settings if the user is a member of the conversation now; false if not (or no such thing). */
    public Uni<Boolean> storeForConversation(UUID userId, UUID conversationId, ConversationNotifications settings) {
        return pool.preparedQuery("""
                        UPDATE members SET notification_mode = $3, muted = $4, muted_until = $5
                        WHERE conversation_id = $2 AND user_id = $1""")
                .execute(Tuple.from(Arrays.asList(userId, conversationId, settings.mode().name(), settings.muted(),
                        utc(settings.mutedUntil()))))
                .map(rows -> rows.rowCount() > 0);
    }

    /** The user's settings for the conversation as stored, if they are a member. */
    public Uni<Optional<ConversationNotifications>> forConversation(UUID userId, UUID conversationId) {
        return pool.preparedQuery("SELECT %s FROM members m WHERE m.conversation_id = $2 AND m.user_id = $1"
                        .formatted(COLUMNS))
                .execute(Tuple.of(userId, conversationId))
                .map(rows -> rows.size() == 0 ? Optional.empty()
                        : Optional.of(conversationSettings(rows.iterator().next())));
    }

    /** A member row's settings as stored (see {@link #COLUMNS}). */
    static ConversationNotifications conversationSettings(Row row) {
        return new ConversationNotifications(NotificationMode.valueOf(row.getString("notification_mode")),
                row.getBoolean("muted"), instant(row, "muted_until"));
    }

    public Uni<Void> storeDoNotDisturb(UUID userId, DoNotDisturb doNotDisturb) {
        if (!doNotDisturb.on()) {
            return pool.preparedQuery("DELETE FROM do_not_disturb WHERE user_id = $1").execute(Tuple.of(userId))
                    .replaceWithVoid();
        }
        return pool.preparedQuery("""
                        INSERT INTO do_not_disturb (user_id, until) VALUES ($1, $2)
                        ON CONFLICT (user_id) DO UPDATE SET until = excluded.until""")
                .execute(Tuple.of(userId, utc(doNotDisturb.until())))
                .replaceWithVoid();
    }

    /** The user's do-not-disturb as stored; off when none was set. */
    public Uni<DoNotDisturb> doNotDisturb(UUID userId) {
        return pool.preparedQuery("SELECT until FROM do_not_disturb WHERE user_id = $1")
                .execute(Tuple.of(userId))
                .map(rows -> rows.size() == 0 ? DoNotDisturb.OFF
                        : new DoNotDisturb(true, instant(rows.iterator().next(), "until")));
    }
}
