package io.chatsuite.history.service;

import io.chatsuite.contracts.notification.ConversationNotifications;
import io.chatsuite.contracts.notification.DoNotDisturb;
import io.chatsuite.contracts.protocol.DoNotDisturbFrame;
import io.chatsuite.contracts.protocol.NotificationsFrame;
import io.chatsuite.history.api.DoNotDisturbRequest;
import io.chatsuite.history.api.NotificationSettingsRequest;
import io.chatsuite.history.repository.NotificationSettingsRepository;
import io.chatsuite.problem.ProblemException;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.util.UUID;

/**
 * A user's notification settings, the same on every device: stored here, then pushed to all of the user's sockets
 * (the device that changed them included), so every open client applies them at once. Served as they stand now: a
 * mute or do-not-disturb whose time has passed reads as off, with nothing to run at that time.
 */
@ApplicationScoped
public class NotificationSettingsService {

    private final NotificationSettingsRepository settings;
    private final UserFrames frames;
    private final Clock clock;

    public NotificationSettingsService(NotificationSettingsRepository settings, UserFrames frames, Clock clock) {
        this.settings = settings;
        this.frames = frames;
        this.clock = clock;
    }

    public Uni<ConversationNotifications> forConversation(UUID userId, UUID conversationId) {
        return settings.forConversation(userId, conversationId).map(found -> found
                .orElseThrow(NotificationSettingsService::noSuchConversation).asOf(clock.instant()));
    }

    public Uni<ConversationNotifications> setForConversation(UUID userId, UUID conversationId,
                                                             NotificationSettingsRequest request) {
        ConversationNotifications wanted = request.toSettings(clock.instant());
        return settings.storeForConversation(userId, conversationId, wanted)
                .chain(stored -> {
                    if (!stored) {
                        throw noSuchConversation();
                    }
                    return frames.push(userId, new NotificationsFrame(conversationId, wanted));
                })
                .replaceWith(wanted);
    }

    public Uni<DoNotDisturb> doNotDisturb(UUID userId) {
        return settings.doNotDisturb(userId).map(stored -> stored.asOf(clock.instant()));
    }

    public Uni<DoNotDisturb> setDoNotDisturb(UUID userId, DoNotDisturbRequest request) {
        DoNotDisturb wanted = request.toSetting(clock.instant());
        return settings.storeDoNotDisturb(userId, wanted)
                .chain(() -> frames.push(userId, new DoNotDisturbFrame(wanted)))
                .replaceWith(wanted);
    }

    private static ProblemException noSuchConversation() {
        // The same answer whether the conversation exists or not: non-members learn nothing.
        return ProblemException.notFound("no such conversation");
    }
}
