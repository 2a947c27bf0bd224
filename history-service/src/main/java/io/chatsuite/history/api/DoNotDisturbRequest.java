package io.chatsuite.history.api;

import io.chatsuite.contracts.notification.DoNotDisturb;
import io.chatsuite.problem.ProblemException;
import java.time.Instant;

/** Do-not-disturb as a user sets it: {@code on} (the default) until {@code until}, or for ever without it. */
public record DoNotDisturbRequest(Boolean on, Instant until) {

    /** The setting to store; a refusal names the field at fault. */
    public DoNotDisturb toSetting(Instant now) {
        boolean set = on == null || on;
        if (!set && until != null) {
            throw ProblemException.invalidField("until", "only with on: true");
        }
        if (until != null && !until.isAfter(now)) {
            throw ProblemException.invalidField("until", "must be in the future");
        }
        return new DoNotDisturb(set, until);
    }
}
