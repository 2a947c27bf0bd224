package io.chatsuite.auth.service;

import io.chatsuite.auth.model.UserAccount;
import io.chatsuite.auth.repository.UserRepository;
import io.chatsuite.problem.ProblemException;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.UUID;

/**
 * Asks the signed-in caller for their password again before a change that a stolen access token alone must not
 * make (a new password, deleting the account). A wrong password counts as a failed login, so the login throttle
 * bounds guessing here too.
 */
@ApplicationScoped
public class PasswordConfirmation {

    private final UserRepository users;
    private final PasswordHasher hasher;
    private final Throttle throttle;

    public PasswordConfirmation(UserRepository users, PasswordHasher hasher, Throttle throttle) {
        this.users = users;
        this.hasher = hasher;
        this.throttle = throttle;
    }

    /** Succeeds if the password is the user's; else fails with 400 naming the field (or 429 when throttled). */
    public Uni<Void> confirm(UUID userId, String field, String password, String clientAddress) {
        return Panache.withSession(() -> users.findById(userId)).flatMap(user -> {
            if (user == null || user.isDeleted()) {
                return Uni.createFrom().failure(ProblemException.unauthorized("The account no longer exists."));
            }
            return throttle.checkLogin(user.username, clientAddress)
                    .flatMap(allowed -> hasher.verify(password, user.passwordHash))
                    .flatMap(valid -> valid ? Uni.createFrom().voidItem() : refused(user, field, clientAddress));
        });
    }

    private Uni<Void> refused(UserAccount user, String field, String clientAddress) {
        return throttle.recordLoginFailure(user.username, clientAddress).flatMap(recorded ->
                Uni.createFrom().failure(ProblemException.invalidField(field, "is not your current password")));
    }
}
