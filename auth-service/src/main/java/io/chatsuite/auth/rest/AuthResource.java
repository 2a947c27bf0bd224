package io.chatsuite.auth.rest;

import io.chatsuite.auth.api.LoginRequest;
import io.chatsuite.auth.api.RefreshRequest;
import io.chatsuite.auth.api.RegisterRequest;
import io.chatsuite.auth.api.TokenResponse;
import io.chatsuite.auth.service.AccountService;
import io.chatsuite.auth.service.ClientDevice;
import io.chatsuite.auth.service.SigningKeys;
import io.chatsuite.kit.CurrentUser;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.ResponseStatus;

@Path("/api/auth")
@Tag(name = "auth", description = "Accounts, sessions and the keys that verify access tokens")
public class AuthResource {

    private final AccountService accounts;
    private final SigningKeys keys;
    private final CurrentUser caller;

    public AuthResource(AccountService accounts, SigningKeys keys, CurrentUser caller) {
        this.accounts = accounts;
        this.keys = keys;
        this.caller = caller;
    }

    @POST
    @Path("/register")
    @ResponseStatus(201)
    @Operation(summary = "Create an account and sign in")
    @APIResponse(responseCode = "201", description = "Created; the new session's tokens")
    @APIResponse(responseCode = "400", description = "A field is refused (named in errors)")
    @APIResponse(responseCode = "409", description = "The username is taken")
    @APIResponse(responseCode = "429", description = "Too many registrations from this address; see Retry-After")
    public Uni<TokenResponse> register(@NotNull @Valid RegisterRequest body, @Context HttpServerRequest request) {
        return accounts.register(body, device(request));
    }

    @POST
    @Path("/login")
    @Operation(summary = "Sign in with username and password")
    @APIResponse(responseCode = "200", description = "A new session's tokens")
    @APIResponse(responseCode = "401", description = "Wrong username or password")
    @APIResponse(responseCode = "429", description = "Too many failed logins for this username or address")
    public Uni<TokenResponse> login(@NotNull @Valid LoginRequest body, @Context HttpServerRequest request) {
        return accounts.login(body, device(request));
    }

    @POST
    @Path("/refresh")
    @Operation(summary = "Exchange a refresh token for new tokens",
            description = "Each refresh token works once. Presenting a used one again revokes its whole session.")
    @APIResponse(responseCode = "200", description = "New tokens for the same session")
    @APIResponse(responseCode = "401", description = "The refresh token is unknown, used, expired or revoked")
    public Uni<TokenResponse> refresh(@NotNull @Valid RefreshRequest body, @Context HttpServerRequest request) {
        return accounts.refresh(body.refreshToken(), device(request));
    }

    @POST
    @Path("/logout")
    @Authenticated
    @Operation(summary = "End the caller's session", description = "Publishes the revocation on user.events.")
    @APIResponse(responseCode = "204", description = "The session is revoked")
    @APIResponse(responseCode = "401", description = "No valid access token")
    public Uni<Void> logout() {
        return accounts.logout(caller.id(), caller.sessionId());
    }

    @GET
    @Path("/jwks")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "The public keys that verify access tokens (a JWK Set)")
    public String jwks() {
        return keys.jwks();
    }

    /** The client's address (behind a trusted proxy, the one it forwarded: see quarkus.http.proxy) and agent. */
    static ClientDevice device(HttpServerRequest request) {
        return new ClientDevice(request.remoteAddress().hostAddress(), request.getHeader("User-Agent"));
    }
}
