package io.chatsuite.contracts.notification;

import java.time.Instant;

/**
 * A user's notification settings for one conversation, kept by history-service and the same on every device:
 * {@code mode}, and whether the conversation is {@code muted} (for ever when {@code mutedUntil} is null, else until
 * then). As served, {@code muted} is already false once {@code mutedUntil} has passed; a client holding the settings
 * checks {@link #mutedAt} itself, as the time passes without a new frame.
 */
public record ConversationNotifications(NotificationMode mode, boolean muted, Instant mutedUntil) {

    public static final ConversationNotifications DEFAULT = new ConversationNotifications(NotificationMode.ALL, false,
            null);

    public ConversationNotifications {
        mode = mode == null ? NotificationMode.ALL : mode;
        mutedUntil = muted ? mutedUntil : null;
    }

    /** Whether the conversation is muted at {@code now}. */
    public boolean mutedAt(Instant now) {
        return muted && (mutedUntil == null || mutedUntil.isAfter(now));
    }

    /** The same settings as they stand at {@code now}: a mute that has run out reads as none. */
    public ConversationNotifications asOf(Instant now) {
        return muted && !mutedAt(now) ? new ConversationNotifications(mode, false, null) : this;
    }
}
