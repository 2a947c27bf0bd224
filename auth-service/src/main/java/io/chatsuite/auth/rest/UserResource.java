package io.chatsuite.auth.rest;

import io.chatsuite.auth.api.AvatarChoice;
import io.chatsuite.auth.api.DisplayNameChange;
import io.chatsuite.auth.api.UserPage;
import io.chatsuite.auth.api.UserView;
import io.chatsuite.auth.service.ProfileService;
import io.chatsuite.kit.CurrentUser;
import io.chatsuite.problem.Storable;
import io.chatsuite.problem.NumberParameters;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/users")
@Authenticated
@Tag(name = "users", description = "Profiles")
@APIResponse(responseCode = "401", description = "No valid access token")
public class UserResource {

    private final ProfileService profiles;
    private final CurrentUser caller;

    public UserResource(ProfileService profiles, CurrentUser caller) {
        this.profiles = profiles;
        this.caller = caller;
    }

    @GET
    @Path("/me")
    @Operation(summary = "The caller's profile")
    public Uni<UserView> me() {
        return profiles.get(caller.id());
    }

    @PATCH
    @Path("/me")
    @Operation(summary = "Change the caller's display name", description = "Publishes the new profile on user.events.")
    @APIResponse(responseCode = "200", description = "The updated profile")
    @APIResponse(responseCode = "400", description = "The display name is refused")
    public Uni<UserView> changeDisplayName(@NotNull @Valid DisplayNameChange body) {
        return profiles.changeDisplayName(caller.id(), body.displayName());
    }

    @PUT
    @Path("/me/avatar")
    @Operation(summary = "Set the caller's profile picture", description = "The id of an image uploaded to chat-service's"
            + " POST /api/avatars; publishes the new profile on user.events.")
    @APIResponse(responseCode = "200", description = "The updated profile")
    @APIResponse(responseCode = "400", description = "avatarId is missing or not a UUID")
    public Uni<UserView> setAvatar(@NotNull @Valid AvatarChoice body) {
        return profiles.changeAvatar(caller.id(), body.avatarId());
    }

    @DELETE
    @Path("/me/avatar")
    @Operation(summary = "Remove the caller's profile picture (clients show initials again)")
    @APIResponse(responseCode = "200", description = "The updated profile")
    public Uni<UserView> removeAvatar() {
        return profiles.changeAvatar(caller.id(), null);
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "A user's profile")
    @APIResponse(responseCode = "200", description = "The profile")
    @APIResponse(responseCode = "404", description = "No such user")
    public Uni<UserView> get(@PathParam("id") UUID id) {
        return profiles.get(id);
    }

    @GET
    @Operation(summary = "Search users by username or display-name prefix, ignoring case")
    @APIResponse(responseCode = "200", description = "One page of matches, by username")
    @APIResponse(responseCode = "400", description = "A query parameter is refused")
    public Uni<UserPage> search(@QueryParam("q") @NotBlank @Size(max = 64) @Storable String q,
                                @QueryParam("page") String page, @QueryParam("size") String size) {
        return profiles.search(q, NumberParameters.wholeNumber("page", page, 0, 0, 1000),
                NumberParameters.wholeNumber("size", size, 20, 1, 50));
    }
}
