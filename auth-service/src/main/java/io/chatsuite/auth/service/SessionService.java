package io.chatsuite.auth.service;

import io.chatsuite.auth.api.SessionView;
import io.chatsuite.auth.model.LoginSession;
import io.chatsuite.auth.repository.LoginSessionRepository;
import io.chatsuite.contracts.user.SessionRevoked;
import io.chatsuite.problem.ProblemException;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A user's sessions as the account settings show them, and every way one ends. A revocation is published on
 * user.events in the same transaction, so every service refuses the session's access tokens within a second.
 */
@ApplicationScoped
public class SessionService {

    static final String REVOKED_BY_USER = "signed-out-by-user";
    static final String REVOKED_EVERYWHERE = "signed-out-everywhere";

    private final LoginSessionRepository sessions;
    private final UserEvents events;
    private final Clock clock;

    public SessionService(LoginSessionRepository sessions, UserEvents events, Clock clock) {
        this.sessions = sessions;
        this.events = events;
        this.clock = clock;
    }

    @WithSession
    public Uni<List<SessionView>> list(UUID userId, UUID currentSession) {
        return sessions.liveOf(userId, clock.instant()).map(found -> found.stream()
                .map(session -> new SessionView(session.id, session.userAgent, session.clientAddress,
                        session.createdAt, session.lastUsedAt, session.id.equals(currentSession)))
                .toList());
    }

    /** Ends one of the user's sessions (this one included); 404 for another user's or one already ended. */
    public Uni<Void> end(UUID userId, UUID sessionId) {
        Instant now = clock.instant();
        return events.inTransaction(() -> sessions.findById(sessionId).flatMap(session -> {
            if (session == null || !session.userId.equals(userId) || !session.isUsableAt(now)) {
                throw ProblemException.notFound("You have no such session.");
            }
            return revoke(session, REVOKED_BY_USER, now);
        }));
    }

    /** Ends every session of the user, the caller's included. */
    public Uni<Void> endAll(UUID userId) {
        Instant now = clock.instant();
        return events.inTransaction(() -> revokeAllOf(userId, null, REVOKED_EVERYWHERE, now));
    }

    /** Within the caller's transaction: revokes every session of the user except {@code keep} (may be null). */
    Uni<Void> revokeAllOf(UUID userId, UUID keep, String reason, Instant now) {
        return sessions.unrevokedOf(userId).flatMap(found -> {
            Uni<Void> chain = Uni.createFrom().voidItem();
            for (LoginSession session : found) {
                if (!session.id.equals(keep)) {
                    chain = chain.flatMap(done -> revoke(session, reason, now));
                }
            }
            return chain;
        });
    }

    /** Within the caller's transaction: ends the session and publishes it; an ended session stays as it is. */
    Uni<Void> revoke(LoginSession session, String reason, Instant now) {
        if (session.revokedAt != null) {
            return Uni.createFrom().voidItem();
        }
        session.revokedAt = now;
        session.revokedReason = reason;
        return events.publish(new SessionRevoked(session.userId, session.id, reason, now));
    }
}
