package io.chatsuite.auth.rest;

import io.chatsuite.auth.api.FriendshipStatus;
import io.chatsuite.auth.api.Relation;
import io.chatsuite.auth.api.UserReference;
import io.chatsuite.auth.service.RelationshipService;
import io.chatsuite.kit.CurrentUser;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Friends and friend requests; every change publishes a friendship change on user.events. */
@Path("/api/friends")
@Authenticated
@Tag(name = "friends", description = "Friends and friend requests")
@APIResponse(responseCode = "401", description = "No valid access token")
public class FriendResource {

    private final RelationshipService relationships;
    private final CurrentUser caller;

    public FriendResource(RelationshipService relationships, CurrentUser caller) {
        this.relationships = relationships;
        this.caller = caller;
    }

    @GET
    @Operation(summary = "The caller's friends, newest first")
    public Uni<List<Relation>> friends() {
        return relationships.friends(caller.id());
    }

    @DELETE
    @Path("/{userId}")
    @Operation(summary = "End a friendship")
    @APIResponse(responseCode = "204", description = "No longer friends")
    @APIResponse(responseCode = "404", description = "Not friends, or no such user")
    public Uni<Void> unfriend(@PathParam("userId") UUID userId) {
        return relationships.unfriend(caller.id(), userId);
    }

    @GET
    @Path("/requests/incoming")
    @Operation(summary = "Pending requests others sent the caller")
    public Uni<List<Relation>> incoming() {
        return relationships.incomingRequests(caller.id());
    }

    @GET
    @Path("/requests/outgoing")
    @Operation(summary = "Pending requests the caller sent")
    public Uni<List<Relation>> outgoing() {
        return relationships.outgoingRequests(caller.id());
    }

    @POST
    @Path("/requests")
    @Operation(summary = "Ask a user to be friends",
            description = "If that user had already asked the caller, the two become friends at once.")
    @APIResponse(responseCode = "200", description = "REQUESTED, or FRIENDS when the request was mutual")
    @APIResponse(responseCode = "400", description = "userId is missing or is the caller")
    @APIResponse(responseCode = "403", description = "That user blocked the caller")
    @APIResponse(responseCode = "404", description = "No such user")
    @APIResponse(responseCode = "409", description = "Already friends, already asked, or the caller blocked them")
    public Uni<FriendshipStatus> request(@NotNull @Valid UserReference body) {
        return relationships.request(caller.id(), body.userId());
    }

    @POST
    @Path("/requests/{userId}/accept")
    @Operation(summary = "Accept the request a user sent the caller")
    @APIResponse(responseCode = "200", description = "FRIENDS")
    @APIResponse(responseCode = "404", description = "No such pending request")
    public Uni<FriendshipStatus> accept(@PathParam("userId") UUID userId) {
        return relationships.accept(caller.id(), userId);
    }

    @POST
    @Path("/requests/{userId}/decline")
    @Operation(summary = "Decline the request a user sent the caller")
    @APIResponse(responseCode = "204", description = "Declined")
    @APIResponse(responseCode = "404", description = "No such pending request")
    public Uni<Void> decline(@PathParam("userId") UUID userId) {
        return relationships.decline(caller.id(), userId);
    }

    @DELETE
    @Path("/requests/{userId}")
    @Operation(summary = "Withdraw the request the caller sent a user")
    @APIResponse(responseCode = "204", description = "Withdrawn")
    @APIResponse(responseCode = "404", description = "No such pending request")
    public Uni<Void> cancel(@PathParam("userId") UUID userId) {
        return relationships.cancel(caller.id(), userId);
    }
}
