package io.chatsuite.auth.rest;

import io.chatsuite.auth.api.Relation;
import io.chatsuite.auth.service.RelationshipService;
import io.chatsuite.kit.CurrentUser;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Blocks; every change publishes a block change (and the end of any friendship) on user.events. */
@Path("/api/blocks")
@Authenticated
@Tag(name = "blocks", description = "Users the caller blocked")
@APIResponse(responseCode = "401", description = "No valid access token")
public class BlockResource {

    private final RelationshipService relationships;
    private final CurrentUser caller;

    public BlockResource(RelationshipService relationships, CurrentUser caller) {
        this.relationships = relationships;
        this.caller = caller;
    }

    @GET
    @Operation(summary = "The users the caller blocked, newest first")
    public Uni<List<Relation>> blocked() {
        return relationships.blocked(caller.id());
    }

    @PUT
    @Path("/{userId}")
    @Operation(summary = "Block a user",
            description = "Ends any friendship or pending request between the two; the blocked user can no longer"
                    + " ask to be friends. Blocking again changes nothing.")
    @APIResponse(responseCode = "204", description = "Blocked")
    @APIResponse(responseCode = "400", description = "The caller cannot block themselves")
    @APIResponse(responseCode = "404", description = "No such user")
    public Uni<Void> block(@PathParam("userId") UUID userId) {
        return relationships.block(caller.id(), userId);
    }

    @DELETE
    @Path("/{userId}")
    @Operation(summary = "Unblock a user")
    @APIResponse(responseCode = "204", description = "Unblocked")
    @APIResponse(responseCode = "404", description = "The caller has not blocked this user")
    public Uni<Void> unblock(@PathParam("userId") UUID userId) {
        return relationships.unblock(caller.id(), userId);
    }
}
