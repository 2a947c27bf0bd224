package io.chatsuite.kit;

import jakarta.enterprise.context.RequestScoped;
import java.util.UUID;
import org.eclipse.microprofile.jwt.JsonWebToken;

/** The caller, as their verified access token names them; never taken from the URL or the body. */
@RequestScoped
public class CurrentUser {

    private final JsonWebToken token;

    public CurrentUser(JsonWebToken token) {
        this.token = token;
    }

    public UUID id() {
        return UUID.fromString(token.getSubject());
    }

    /** The login session the token belongs to (its {@code sid} claim). */
    public UUID sessionId() {
        return UUID.fromString(token.getClaim("sid").toString());
    }
}
