package io.chatsuite.history.api;

import io.chatsuite.contracts.notification.ConversationNotifications;
import io.chatsuite.contracts.notification.NotificationMode;
import io.chatsuite.problem.ProblemException;
import java.time.Instant;
import java.util.Locale;

/**
 * The settings a user asks for in one conversation. {@code mode} is {@code all} (the default) or {@code mentions};
 * {@code muted} defaults to whether {@code mutedUntil} is given; without {@code mutedUntil} a mute lasts for ever.
 */
public record NotificationSettingsRequest(String mode, Boolean muted, Instant mutedUntil) {

    /** The settings to store; a refusal names the field at fault. */
    public ConversationNotifications toSettings(Instant now) {
        boolean mute = muted == null ? mutedUntil != null : muted;
        if (!mute && mutedUntil != null) {
            throw ProblemException.invalidField("mutedUntil", "only with muted: true");
        }
        if (mutedUntil != null && !mutedUntil.isAfter(now)) {
            throw ProblemException.invalidField("mutedUntil", "must be in the future");
        }
        return new ConversationNotifications(mode(mode), mute, mutedUntil);
    }

    private static NotificationMode mode(String mode) {
        if (mode == null) {
            return NotificationMode.ALL;
        }
        try {
            return NotificationMode.valueOf(mode.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw ProblemException.invalidField("mode", "all or mentions");
        }
    }
}
