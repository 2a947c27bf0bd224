package io.chatsuite.kit.revocation;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.SecurityIdentityAugmentor;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.UUID;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Refuses an access token whose session ({@code sid}) was revoked, wherever a token is verified: REST calls answer
 * 401 problem details (AuthenticationProblems), WebSocket upgrades 401. An in-memory lookup, so it never blocks.
 */
@ApplicationScoped
public class RevokedSessionRefusal implements SecurityIdentityAugmentor {

    private final RevokedSessions revoked;

    public RevokedSessionRefusal(RevokedSessions revoked) {
        this.revoked = revoked;
    }

    @Override
    public Uni<SecurityIdentity> augment(SecurityIdentity identity, AuthenticationRequestContext context) {
        if (!identity.isAnonymous() && identity.getPrincipal() instanceof JsonWebToken token
                && isRevoked(token.getClaim("sid"))) {
            return Uni.createFrom().failure(new AuthenticationFailedException("the session was revoked"));
        }
        return Uni.createFrom().item(identity);
    }

    private boolean isRevoked(Object sid) {
        if (sid == null) {
            return false;
        }
        try {
            return revoked.isRevoked(UUID.fromString(sid.toString()));
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
