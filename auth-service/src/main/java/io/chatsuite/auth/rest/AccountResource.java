package io.chatsuite.auth.rest;

import io.chatsuite.auth.api.AccountDeletion;
import io.chatsuite.auth.api.PasswordChange;
import io.chatsuite.auth.api.SessionView;
import io.chatsuite.auth.service.AccountDeletionService;
import io.chatsuite.auth.service.PasswordChangeService;
import io.chatsuite.auth.service.SessionService;
import io.chatsuite.kit.CurrentUser;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Context;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Account self-service: the password, the sessions, and deleting the account. Always the caller's own. */
@Path("/api/auth")
@Authenticated
@Tag(name = "account", description = "The caller's password, sessions and account")
@APIResponse(responseCode = "401", description = "No valid access token")
public class AccountResource {

    private final PasswordChangeService passwords;
    private final SessionService sessions;
    private final AccountDeletionService deletions;
    private final CurrentUser caller;

    public AccountResource(PasswordChangeService passwords, SessionService sessions,
                           AccountDeletionService deletions, CurrentUser caller) {
        this.passwords = passwords;
        this.sessions = sessions;
        this.deletions = deletions;
        this.caller = caller;
    }

    @POST
    @Path("/password")
    @Operation(summary = "Change the password",
            description = "Needs the current password. Every other session of the caller is revoked (published on "
                    + "user.events, so their access tokens are refused everywhere within a second); this one stays.")
    @APIResponse(responseCode = "204", description = "Changed")
    @APIResponse(responseCode = "400", description = "A field is refused, currentPassword when it is wrong")
    @APIResponse(responseCode = "429", description = "Too many wrong passwords; see Retry-After")
    public Uni<Void> changePassword(@NotNull @Valid PasswordChange body, @Context HttpServerRequest request) {
        return passwords.change(caller.id(), caller.sessionId(), body, AuthResource.device(request).address());
    }

    @GET
    @Path("/sessions")
    @Operation(summary = "The caller's live sessions, most recently used first")
    @APIResponse(responseCode = "200", description = "Each with its device, address, times and whether it is this one")
    public Uni<List<SessionView>> sessions() {
        return sessions.list(caller.id(), caller.sessionId());
    }

    @DELETE
    @Path("/sessions/{id}")
    @Operation(summary = "Sign one of the caller's sessions out (this one included)")
    @APIResponse(responseCode = "204", description = "The session is revoked")
    @APIResponse(responseCode = "404", description = "The caller has no such live session")
    public Uni<Void> endSession(@PathParam("id") UUID id) {
        return sessions.end(caller.id(), id);
    }

    @DELETE
    @Path("/sessions")
    @Operation(summary = "Sign out everywhere", description = "Revokes every session of the caller, this one too.")
    @APIResponse(responseCode = "204", description = "Every session is revoked")
    public Uni<Void> endAllSessions() {
        return sessions.endAll(caller.id());
    }

    @POST
    @Path("/account/deletion")
    @Operation(summary = "Delete the caller's account",
            description = "Needs the password. The profile is anonymised (username freed, display name 'Deleted "
                    + "user'), every session revoked, friendships, requests and blocks ended; messages are kept.")
    @APIResponse(responseCode = "204", description = "Deleted; the account can no longer sign in")
    @APIResponse(responseCode = "400", description = "A field is refused, password when it is wrong")
    @APIResponse(responseCode = "429", description = "Too many wrong passwords; see Retry-After")
    public Uni<Void> deleteAccount(@NotNull @Valid AccountDeletion body, @Context HttpServerRequest request) {
        return deletions.delete(caller.id(), body.password(), AuthResource.device(request).address());
    }
}
