package io.chatsuite.contracts.notification;

import java.time.Instant;

/**
 * A user's do-not-disturb, for the whole account and every device: while {@code on} (for ever when {@code until} is
 * null, else until then) nothing sounds or notifies, mentions included. As served, {@code on} is already false once
 * {@code until} has passed.
 */
public record DoNotDisturb(boolean on, Instant until) {

    public static final DoNotDisturb OFF = new DoNotDisturb(false, null);

    public DoNotDisturb {
        until = on ? until : null;
    }

    public boolean onAt(Instant now) {
        return on && (until == null || until.isAfter(now));
    }

    /** As it stands at {@code now}: one that has run out reads as off. */
    public DoNotDisturb asOf(Instant now) {
        return onAt(now) || !on ? this : OFF;
    }
}
