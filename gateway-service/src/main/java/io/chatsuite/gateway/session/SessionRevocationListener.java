package io.chatsuite.gateway.session;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.chatsuite.contracts.user.SessionRevoked;
import io.chatsuite.contracts.user.UserEvent;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/**
 * Closes the sockets of a revoked session. Every gateway node reads every user event (a consumer group of its own),
 * since any node may hold that session's sockets.
 */
@ApplicationScoped
public class SessionRevocationListener {

    private static final Logger LOG = Logger.getLogger(SessionRevocationListener.class);

    private final LocalSessions sessions;
    private final ObjectMapper json;

    public SessionRevocationListener(LocalSessions sessions, ObjectMapper json) {
        this.sessions = sessions;
        this.json = json;
    }

    @Incoming("user-events")
    public void onUserEvent(String payload) {
        try {
            if (json.readValue(payload, UserEvent.class) instanceof SessionRevoked revoked) {
                sessions.closeSession(revoked.userId(), revoked.sessionId(), CloseCodes.SESSION_REVOKED,
                        "session revoked");
            }
        } catch (JsonProcessingException e) {
            LOG.errorf("skipping an unreadable user event: %s", e.getOriginalMessage());
        }
    }
}
