package io.chatsuite.chat.client;

import io.chatsuite.chat.client.AuthUsersClient.UserProfile;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.WebApplicationException;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.UUID;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.eclipse.microprofile.rest.client.inject.RestClient;

/**
 * Asks auth-service whether a user exists. An answer either way is final; a slow or failing auth-service is tried
 * again a little, then the failure is the caller's to handle.
 */
@ApplicationScoped
public class AuthServiceUsers {

    private final AuthUsersClient client;

    public AuthServiceUsers(@RestClient AuthUsersClient client) {
        this.client = client;
    }

    /** The user's profile, or empty when auth-service has no such user. */
    @Timeout(value = 2, unit = ChronoUnit.SECONDS)
    @Retry(maxRetries = 2, delay = 200, delayUnit = ChronoUnit.MILLIS)
    public Uni<Optional<UserProfile>> find(UUID userId, String bearerToken) {
        return client.get(userId, "Bearer " + bearerToken).map(Optional::of)
                .onFailure(AuthServiceUsers::isNotFound).recoverWithItem(Optional.empty());
    }

    private static boolean isNotFound(Throwable failure) {
        return failure instanceof WebApplicationException answer && answer.getResponse().getStatus() == 404;
    }
}
