package io.chatsuite.chat.rest;

import io.chatsuite.chat.rest.ConversationViews.ConversationDetailsView;
import io.chatsuite.chat.rest.ConversationViews.ConversationView;
import io.chatsuite.chat.service.ConversationService;
import io.chatsuite.contracts.chat.MemberRole;
import io.chatsuite.kit.CurrentUser;
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
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** Group rooms: create, find, join, leave, manage members and settings. */
@Path("/api/rooms")
@Authenticated
public class RoomResource {

    /** Deep enough for any real listing; keeps OFFSET within reason. */
    private static final int MAX_PAGE = 10_000;

    private final ConversationService conversations;
    private final CurrentUser user;

    public RoomResource(ConversationService conversations, CurrentUser user) {
        this.conversations = conversations;
        this.user = user;
    }

    public record RoomRequest(@NotBlank @Size(max = 100) String name, @Size(max = 500) String topic,
                              boolean isPublic) {
    }

    public record MemberRequest(@NotNull UUID userId, MemberRole role) {
    }

    @POST
    @Operation(summary = "Create a room; the caller becomes its owner")
    public Uni<ConversationDetailsView> create(@Valid @NotNull RoomRequest request) {
        UUID caller = user.id();
        return conversations.createRoom(caller, request.name(), request.topic(), request.isPublic())
                .chain(id -> conversations.details(caller, id)).map(ConversationDetailsView::of);
    }

    @GET
    @Operation(summary = "Public rooms whose name starts with q, by name")
    public Uni<List<ConversationView>> find(@QueryParam("q") @Size(max = 100) String q,
                                            @QueryParam("page") String page, @QueryParam("size") String size) {
        return conversations.publicRooms(q, NumberParameters.wholeNumber("page", page, 0, 0, MAX_PAGE),
                        NumberParameters.wholeNumber("size", size, 20, 1, 100))
                .map(rows -> rows.stream().map(ConversationView::of).toList());
    }

    @PATCH
    @Path("/{id}")
    @Operation(summary = "Rename a room or change its topic and visibility (owner and admins)")
    public Uni<ConversationDetailsView> update(@PathParam("id") UUID id, @Valid @NotNull RoomRequest request) {
        UUID caller = user.id();
        return conversations.updateRoom(caller, id, request.name(), request.topic(), request.isPublic())
                .chain(() -> conversations.details(caller, id)).map(ConversationDetailsView::of);
    }

    @POST
    @Path("/{id}/join")
    @Operation(summary = "Join a public room")
    public Uni<ConversationDetailsView> join(@PathParam("id") UUID id) {
        UUID caller = user.id();
        return conversations.join(caller, id)
                .chain(() -> conversations.details(caller, id)).map(ConversationDetailsView::of);
    }

    @POST
    @Path("/{id}/leave")
    @Operation(summary = "Leave a room; an owner hands it to the longest-standing member")
    public Uni<Void> leave(@PathParam("id") UUID id) {
        return conversations.leave(user.id(), id);
    }

    @POST
    @Path("/{id}/members")
    @Operation(summary = "Add a user or change a member's role (owner and admins; only the owner names admins)")
    public Uni<ConversationDetailsView> addMember(@PathParam("id") UUID id, @Valid @NotNull MemberRequest request) {
        UUID caller = user.id();
        return conversations.addOrChangeMember(caller, id, request.userId(), request.role())
                .chain(() -> conversations.details(caller, id)).map(ConversationDetailsView::of);
    }

    @DELETE
    @Path("/{id}/members/{userId}")
    @Operation(summary = "Remove a member (owner and admins; only the owner removes admins)")
    public Uni<Void> removeMember(@PathParam("id") UUID id, @PathParam("userId") UUID userId) {
        return conversations.removeMember(user.id(), id, userId);
    }
}
