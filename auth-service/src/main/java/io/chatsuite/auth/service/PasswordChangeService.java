package io.chatsuite.auth.service;

import io.chatsuite.auth.api.PasswordChange;
import io.chatsuite.auth.repository.UserRepository;
import io.chatsuite.problem.ProblemException;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import java.time.Clock;
import java.time.Instant;
import java.util.UUID;

/**
 * A new password, confirmed by the current one. Every other session of the user ends with it (whoever knew the old
 * password is signed out everywhere); the session that asked stays signed in.
 */
@ApplicationScoped
public class PasswordChangeService {

    static final String REVOKED_BY_PASSWORD_CHANGE = "password-changed";

    private final UserRepository users;
    private final PasswordHasher hasher;
    private final CommonPasswords commonPasswords;
    private final PasswordConfirmation confirmation;
    private final SessionService sessions;
    private final UserEvents events;
    private final Clock clock;

    public PasswordChangeService(UserRepository users, PasswordHasher hasher, CommonPasswords commonPasswords,
                                 PasswordConfirmation confirmation, SessionService sessions, UserEvents events,
                                 Clock clock) {
        this.users = users;
        this.hasher = hasher;
        this.commonPasswords = commonPasswords;
        this.confirmation = confirmation;
        this.sessions = sessions;
        this.events = events;
        this.clock = clock;
    }

    public Uni<Void> change(UUID userId, UUID currentSession, PasswordChange request, String clientAddress) {
        commonPasswords.refuse("newPassword", request.newPassword());
        return confirmation.confirm(userId, "currentPassword", request.currentPassword(), clientAddress)
                .flatMap(confirmed -> hasher.hash(request.newPassword()))
                .flatMap(hash -> events.inTransaction(() -> users.findById(userId, LockModeType.PESSIMISTIC_WRITE)
                        .flatMap(user -> {
                            if (user == null || user.isDeleted()) {
                                throw ProblemException.unauthorized("The account no longer exists.");
                            }
                            Instant now = clock.instant();
                            user.passwordHash = hash;
                            user.updatedAt = now;
                            return sessions.revokeAllOf(userId, currentSession, REVOKED_BY_PASSWORD_CHANGE, now);
                        })));
    }
}
