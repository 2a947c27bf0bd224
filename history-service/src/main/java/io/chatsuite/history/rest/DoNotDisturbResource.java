package io.chatsuite.history.rest;

import io.chatsuite.contracts.notification.DoNotDisturb;
import io.chatsuite.history.api.DoNotDisturbRequest;
import io.chatsuite.history.service.NotificationSettingsService;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

/** The caller's do-not-disturb: while on, nothing sounds or notifies on any of their devices, mentions included. */
@Path("/api/history/notifications/do-not-disturb")
@Authenticated
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
@APIResponse(responseCode = "401", description = "No valid access token")
public class DoNotDisturbResource {

    private final NotificationSettingsService settings;
    private final JsonWebToken token;

    public DoNotDisturbResource(NotificationSettingsService settings, JsonWebToken token) {
        this.settings = settings;
        this.token = token;
    }

    @GET
    @Operation(summary = "The caller's do-not-disturb as it stands now (one that ran out reads off)")
    public Uni<DoNotDisturb> get() {
        return settings.doNotDisturb(Caller.id(token));
    }

    @PUT
    @Operation(summary = "Set or end do-not-disturb",
            description = "on (default true), for ever or until `until`; {\"on\": false} ends it. Pushed at once to"
                    + " every socket of the caller as a do-not-disturb frame.")
    @APIResponse(responseCode = "200", description = "The setting stored")
    @APIResponse(responseCode = "400", description = "An until in the past, or given with on: false")
    public Uni<DoNotDisturb> put(@NotNull DoNotDisturbRequest request) {
        return settings.setDoNotDisturb(Caller.id(token), request);
    }
}
