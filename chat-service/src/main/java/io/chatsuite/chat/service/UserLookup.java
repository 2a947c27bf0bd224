package io.chatsuite.chat.service;

import io.chatsuite.chat.client.AuthServiceUsers;
import io.chatsuite.chat.repository.UserDirectory;
import io.chatsuite.problem.ProblemException;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jboss.logging.Logger;

/**
 * Whether a user exists, for a request that names one. chat-service learns users from user.events, which arrive a
 * moment after a registration; a user it has not heard of yet is looked up in auth-service (and remembered), so a
 * user who exists is never "no such user". When auth-service cannot answer, the registration event is awaited
 * briefly; a user still unknown then is 503, not a 404 that could be false.
 */
@ApplicationScoped
public class UserLookup {

    private static final Logger LOG = Logger.getLogger(UserLookup.class);
    private static final Duration EVENT_WAIT = Duration.ofSeconds(2);

    private final Pool pool;
    private final UserDirectory users;
    private final AuthServiceUsers auth;
    private final JsonWebToken caller;

    public UserLookup(Pool pool, UserDirectory users, AuthServiceUsers auth, JsonWebToken caller) {
        this.pool = pool;
        this.users = users;
        this.auth = auth;
        this.caller = caller;
    }

    /** Completes when the user exists; fails with a 404 problem when they do not (or were deleted). Call it outside a transaction. */
    public Uni<Void> require(UUID userId) {
        // Read now, on the request's thread: the token is request-scoped.
        String token = caller.getRawToken();
        // A deleted account keeps its id (and a profile at auth-service) but can no longer be talked to or added.
        return pool.withConnection(c -> users.isDeleted(c, userId)).chain(deleted -> deleted
                ? Uni.createFrom().failure(ProblemException.notFound("no such user"))
                : known(userId).chain(known -> known ? Uni.createFrom().voidItem() : ask(userId, token)));
    }

    private Uni<Void> ask(UUID userId, String token) {
        return auth.find(userId, token)
                .chain(profile -> {
                    if (profile.isEmpty()) {
                        return Uni.createFrom().failure(ProblemException.notFound("no such user"));
                    }
                    return pool.withConnection(c -> users.insertIfUnknown(c, userId, profile.get().username(),
                            profile.get().displayName()));
                })
                .onFailure(failure -> !(failure instanceof ProblemException)).recoverWithUni(failure -> {
                    LOG.warnf("auth-service could not say whether user %s exists (%s); waiting for user.events",
                            userId, failure.toString());
                    return awaitEvent(userId);
                });
    }

    private Uni<Void> awaitEvent(UUID userId) {
        return known(userId)
                .invoke(known -> {
                    if (!known) {
                        throw new NotYetKnown();
                    }
                })
                .onFailure(NotYetKnown.class).retry().withBackOff(Duration.ofMillis(100), Duration.ofMillis(250))
                .expireIn(EVENT_WAIT.toMillis())
                .onFailure(UserLookup::stillUnknown).transform(notYet -> new ProblemException(503, "Service unavailable",
                        "users cannot be checked now; try again shortly", List.of(), Duration.ofSeconds(2)))
                .replaceWithVoid();
    }

    /** The retry's deadline fails with an exception of its own around the last failure, not with that failure. */
    private static boolean stillUnknown(Throwable failure) {
        return failure instanceof NotYetKnown || failure.getCause() instanceof NotYetKnown;
    }

    private Uni<Boolean> known(UUID userId) {
        return pool.withConnection(c -> users.exists(c, userId));
    }

    private static final class NotYetKnown extends RuntimeException {
        NotYetKnown() {
            super("the user is not known yet", null, false, false);
        }
    }
}
