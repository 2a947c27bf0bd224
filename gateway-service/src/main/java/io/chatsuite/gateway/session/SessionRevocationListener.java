package io.chatsuite.gateway.session;

import io.chatsuite.kit.revocation.RevokedSessions;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * Closes the sockets of a revoked session. Revocations come from service-kit's {@link RevokedSessions}, which reads
 * every partition of user.events on every node (any node may hold that session's sockets), replays the last token
 * lifetime at start, and refuses the session's upgrades: one consumer per node, no window after a start.
 */
@ApplicationScoped
public class SessionRevocationListener {

    private final LocalSessions sessions;
    private final RevokedSessions revoked;

    public SessionRevocationListener(LocalSessions sessions, RevokedSessions revoked) {
        this.sessions = sessions;
        this.revoked = revoked;
    }

    void listen(@Observes StartupEvent event) {
        revoked.onRevocation(revocation -> sessions.closeSession(revocation.userId(), revocation.sessionId(),
                CloseCodes.SESSION_REVOKED, "session revoked"));
        // An upgrade verified just before its session's revocation arrived registers its socket after the close
        // above ran: checked once registered, so one of the two always sees the other.
        sessions.onSocketOpened(socket -> {
            if (revoked.isRevoked(socket.sessionId())) {
                socket.close(CloseCodes.SESSION_REVOKED, "session revoked");
            }
        });
    }
}
