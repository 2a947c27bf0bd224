package io.chatsuite.auth.service;

import io.chatsuite.auth.repository.UserRepository;
import io.chatsuite.contracts.user.ProfileUpdated;
import io.chatsuite.contracts.user.UserDeleted;
import io.chatsuite.problem.ProblemException;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import java.time.Clock;
import java.time.Instant;
import java.util.UUID;

/**
 * Deletes an account at its owner's request, confirmed by the password. The row stays, anonymised: its id still
 * names the author of the messages, which are kept and shown as from "Deleted user" (the published profile carries
 * that name, so history-service and every client follow). In one transaction: the username is freed (replaced by a
 * tombstone), the password and the picture are gone, every session is revoked, every friendship, request and block
 * ends, and {@code user.deleted} tells chat-service to take the user out of their conversations.
 */
@ApplicationScoped
public class AccountDeletionService {

    static final String REVOKED_BY_DELETION = "account-deleted";
    /** Not a PHC string: nothing verifies against it (and a deleted account is answered as unknown before). */
    private static final String NO_PASSWORD = "!deleted";

    private final UserRepository users;
    private final PasswordConfirmation confirmation;
    private final SessionService sessions;
    private final RelationshipService relationships;
    private final UserEvents events;
    private final Clock clock;

    public AccountDeletionService(UserRepository users, PasswordConfirmation confirmation, SessionService sessions,
                                  RelationshipService relationships, UserEvents events, Clock clock) {
        this.users = users;
        this.confirmation = confirmation;
        this.sessions = sessions;
        this.relationships = relationships;
        this.events = events;
        this.clock = clock;
    }

    public Uni<Void> delete(UUID userId, String password, String clientAddress) {
        return confirmation.confirm(userId, "password", password, clientAddress)
                .flatMap(confirmed -> events.inTransaction(() -> users.findById(userId, LockModeType.PESSIMISTIC_WRITE)
                        .flatMap(user -> {
                            if (user == null || user.isDeleted()) {
                                throw ProblemException.unauthorized("The account no longer exists.");
                            }
                            Instant now = clock.instant();
                            user.username = DeletedAccounts.tombstoneFor(user.id);
                            user.displayName = DeletedAccounts.DISPLAY_NAME;
                            user.passwordHash = NO_PASSWORD;
                            user.avatarId = null;
                            user.deletedAt = now;
                            user.updatedAt = now;
                            return events.publish(new ProfileUpdated(user.id, user.username, user.displayName, null,
                                            now))
                                    .flatMap(published -> sessions.revokeAllOf(userId, null, REVOKED_BY_DELETION, now))
                                    .flatMap(revoked -> relationships.removeAllOf(userId, now))
                                    // Last, after the profile: chat-service takes the user out of every conversation.
                                    .flatMap(removed -> events.publish(new UserDeleted(userId, now)));
                        })));
    }
}
