package io.chatsuite.kit.revocation;

import io.chatsuite.contracts.user.SessionRevoked;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * The sessions revoked within the last access-token lifetime, in memory on each instance. A token whose
 * {@code sid} is here is refused even though its signature and expiry are fine; an entry is dropped once every
 * token of its session issued before the revocation has expired.
 */
@ApplicationScoped
public class RevokedSessions {

    private final Map<UUID, Instant> forgetAt = new ConcurrentHashMap<>();
    private final List<Consumer<SessionRevoked>> listeners = new CopyOnWriteArrayList<>();
    private final SessionRevocationConfig config;
    private final Clock clock;

    public RevokedSessions(SessionRevocationConfig config, Clock clock) {
        this.config = config;
        this.clock = clock;
    }

    public boolean isRevoked(UUID sessionId) {
        Instant until = forgetAt.get(sessionId);
        return until != null && until.isAfter(clock.instant());
    }

    /** Who to tell of each revocation as it arrives (the gateway closes the session's sockets). */
    public void onRevocation(Consumer<SessionRevoked> listener) {
        listeners.add(listener);
    }

    /** Remembers the revocation, then tells the listeners; one too old to matter is ignored. */
    void revoke(SessionRevoked revoked) {
        Instant until = revoked.occurredAt().plus(config.tokenLifetime()).plus(config.clockSkew());
        if (!until.isAfter(clock.instant())) {
            return;
        }
        forgetAt.merge(revoked.sessionId(), until, (known, added) -> known.isAfter(added) ? known : added);
        listeners.forEach(listener -> listener.accept(revoked));
    }

    /** Drops the entries whose tokens have all expired, so the set stays as small as the last token lifetime. */
    void forgetExpired() {
        Instant now = clock.instant();
        forgetAt.values().removeIf(until -> !until.isAfter(now));
    }

    int size() {
        return forgetAt.size();
    }
}
