package io.chatsuite.history.rest;

import io.chatsuite.history.api.SyncRequest;
import io.chatsuite.history.api.SyncResponse;
import io.chatsuite.history.service.InboxService;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.jwt.JsonWebToken;

/** One call after a reconnect: which conversations have news and how much; the events come from the events pages. */
@Path("/api/history/sync")
@Authenticated
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class SyncResource {

    private final InboxService inbox;
    private final JsonWebToken token;

    public SyncResource(InboxService inbox, JsonWebToken token) {
        this.inbox = inbox;
        this.token = token;
    }

    @POST
    public Uni<SyncResponse> sync(@Valid @NotNull SyncRequest request) {
        return inbox.sync(Caller.id(token), request);
    }
}
