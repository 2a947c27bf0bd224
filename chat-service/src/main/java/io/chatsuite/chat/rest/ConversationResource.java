package io.chatsuite.chat.rest;

import io.chatsuite.chat.rest.ConversationViews.ConversationDetailsView;
import io.chatsuite.chat.rest.ConversationViews.ConversationView;
import io.chatsuite.chat.service.ConversationService;
import io.chatsuite.kit.CurrentUser;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

/** The caller's conversations, and direct and group direct conversations. */
@Path("/api/conversations")
@Authenticated
public class ConversationResource {

    private final ConversationService conversations;
    private final CurrentUser user;

    public ConversationResource(ConversationService conversations, CurrentUser user) {
        this.conversations = conversations;
        this.user = user;
    }

    public record DirectRequest(@NotNull UUID userId) {
    }

    /** The other people of a group direct message; the rule they must meet is {@code GroupDirectMembers}'s. */
    public record GroupDirectRequest(List<UUID> userIds) {
    }

    @GET
    @Operation(summary = "The caller's conversations, most recently active first")
    public Uni<List<ConversationView>> mine() {
        return conversations.mine(user.id()).map(rows -> rows.stream().map(ConversationView::of).toList());
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "A conversation with its members; 404 unless the caller is a member")
    public Uni<ConversationDetailsView> get(@PathParam("id") UUID id) {
        return conversations.details(user.id(), id).map(ConversationDetailsView::of);
    }

    @POST
    @Path("/direct")
    @Operation(summary = "The direct conversation with a user: the existing one or a new one; refused across a block",
            description = "A user who registered a moment ago is found too: one chat-service has not heard of yet is"
                    + " looked up in auth-service.")
    @APIResponse(responseCode = "200", description = "The conversation with its members")
    @APIResponse(responseCode = "400", description = "userId is missing or is the caller")
    @APIResponse(responseCode = "403", description = "A block stands between the two users")
    @APIResponse(responseCode = "404", description = "No such user")
    @APIResponse(responseCode = "503", description = "Whether the user exists cannot be told now; retry after"
            + " Retry-After")
    public Uni<ConversationDetailsView> direct(@Valid @NotNull DirectRequest request) {
        UUID caller = user.id();
        return conversations.direct(caller, request.userId())
                .chain(id -> conversations.details(caller, id)).map(ConversationDetailsView::of);
    }

    @POST
    @Path("/group-direct")
    @Operation(summary = "The group direct message with 2 to 8 other users (3 to 9 people with the caller): the"
            + " existing one for the same people in any order, or a new one; refused across a block",
            description = "No name, no roles; messages, receipts, typing and presence work as in a direct"
                    + " conversation. Refused when any two of the people (the caller included) have a block between"
                    + " them, either way.")
    @APIResponse(responseCode = "200", description = "The conversation with its members")
    @APIResponse(responseCode = "400", description = "userIds is missing, names too few or too many users, names one"
            + " twice or names the caller; the field is named (userIds or userIds[i])")
    @APIResponse(responseCode = "403", description = "A block stands between two of the people")
    @APIResponse(responseCode = "404", description = "No such user (the field userIds[i] names which)")
    @APIResponse(responseCode = "503", description = "Whether a user exists cannot be told now; retry after"
            + " Retry-After")
    public Uni<ConversationDetailsView> groupDirect(@NotNull GroupDirectRequest request) {
        UUID caller = user.id();
        return conversations.groupDirect(caller, request.userIds())
                .chain(id -> conversations.details(caller, id)).map(ConversationDetailsView::of);
    }
}
