package io.chatsuite.chat.client;

import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import java.util.UUID;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/** auth-service's profile lookup; it needs a user's access token, so the caller's own is passed on. */
@RegisterRestClient(configKey = "auth-service")
@Path("/api/users")
public interface AuthUsersClient {

    /** The profile, or a 404 for a user auth-service does not have. */
    @GET
    @Path("/{id}")
    Uni<UserProfile> get(@PathParam("id") UUID id, @HeaderParam("Authorization") String authorization);

    /** The fields of auth-service's user view that chat-service keeps. */
    record UserProfile(UUID id, String username, String displayName) {
    }
}
