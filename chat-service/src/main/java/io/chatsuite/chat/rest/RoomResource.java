package io.chatsuite.chat.rest;

import com.fasterxml.jackson.databind.JsonNode;
import io.chatsuite.chat.rest.ConversationViews.ConversationDetailsView;
import io.chatsuite.chat.rest.ConversationViews.ConversationView;
import io.chatsuite.chat.service.ConversationService;
import io.chatsuite.contracts.chat.MemberRole;
import io.chatsuite.kit.CurrentUser;
import io.chatsuite.problem.NumberParameters;
import io.chatsuite.problem.Storable;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

/** Group rooms: create, find, join, leave, manage members and settings. */
@Path("/api/rooms")
@Authenticated
public class RoomResource {

    static final String MERGE_PATCH = "application/merge-patch+json";
    /** Deep enough for any real listing; keeps OFFSET within reason. */
    private static final int MAX_PAGE = 10_000;

    private final ConversationService conversations;
    private final CurrentUser user;

    public RoomResource(ConversationService conversations, CurrentUser user) {
        this.conversations = conversations;
        this.user = user;
    }

    public record RoomRequest(@NotBlank @Size(max = 100) @Storable String name,
                              @Size(max = 500) @Storable String topic, boolean isPublic) {
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
    public Uni<List<ConversationView>> find(@QueryParam("q") @Size(max = 100) @Storable String q,
                                            @QueryParam("page") String page, @QueryParam("size") String size) {
        return conversations.publicRooms(q, NumberParameters.wholeNumber("page", page, 0, 0, MAX_PAGE),
                        NumberParameters.wholeNumber("size", size, 20, 1, 100))
                .map(rows -> rows.stream().map(ConversationView::of).toList());
    }

    @PATCH
    @Path("/{id}")
    @Consumes({MERGE_PATCH, MediaType.APPLICATION_JSON})
    @Operation(summary = "Change a room's name, topic, visibility or who may mention it whole (owner and admins)",
            description = "A JSON merge patch (RFC 7396): fields left out stay as they are; \"topic\": null clears the"
                    + " topic; name, isPublic and roomMentions cannot be cleared. Other fields are refused by name.")
    @RequestBody(content = @Content(mediaType = MERGE_PATCH,
            schema = @Schema(implementation = RoomSettingsPatch.class),
            examples = @ExampleObject(name = "topic only", value = "{\"topic\": \"release planning\"}")))
    @APIResponse(responseCode = "200", description = "The room as it is now; a timeline event if anything changed")
    @APIResponse(responseCode = "400", description = "A field is refused; errors[0].field names it")
    @APIResponse(responseCode = "403", description = "The caller is a member but not the owner or an admin")
    @APIResponse(responseCode = "404", description = "No such room, or the caller is not a member")
    @APIResponse(responseCode = "409", description = "The room is archived")
    public Uni<ConversationDetailsView> update(@PathParam("id") UUID id, JsonNode patch) {
        UUID caller = user.id();
        return conversations.updateRoom(caller, id, RoomPatch.read(patch))
                .chain(() -> conversations.details(caller, id)).map(ConversationDetailsView::of);
    }

    /** The settings a merge patch may carry, every one optional (for the OpenAPI document). */
    @Schema(name = "RoomSettingsPatch")
    public record RoomSettingsPatch(@Schema(maxLength = RoomPatch.NAME_LENGTH) String name,
                                    @Schema(maxLength = RoomPatch.TOPIC_LENGTH, nullable = true) String topic,
                                    Boolean isPublic,
                                    @Schema(enumeration = {RoomPatch.ADMINS, RoomPatch.EVERYONE},
                                            description = "who may use @room and @here") String roomMentions) {
    }

    @POST
    @Path("/{id}/archive")
    @Operation(summary = "Archive a room: read-only for everyone until unarchived (owner only)")
    @APIResponse(responseCode = "200", description = "The room, archived; a conversation.updated event with archived")
    @APIResponse(responseCode = "403", description = "The caller is a member but not the owner")
    @APIResponse(responseCode = "404", description = "No such room, or the caller is not a member")
    public Uni<ConversationDetailsView> archive(@PathParam("id") UUID id) {
        UUID caller = user.id();
        return conversations.archiveRoom(caller, id, true)
                .chain(() -> conversations.details(caller, id)).map(ConversationDetailsView::of);
    }

    @POST
    @Path("/{id}/unarchive")
    @Operation(summary = "Bring an archived room back (owner only)")
    @APIResponse(responseCode = "200", description = "The room, no longer archived")
    @APIResponse(responseCode = "403", description = "The caller is a member but not the owner")
    @APIResponse(responseCode = "404", description = "No such room, or the caller is not a member")
    public Uni<ConversationDetailsView> unarchive(@PathParam("id") UUID id) {
        UUID caller = user.id();
        return conversations.archiveRoom(caller, id, false)
                .chain(() -> conversations.details(caller, id)).map(ConversationDetailsView::of);
    }

    @DELETE
    @Path("/{id}")
    @Operation(summary = "Delete a room for everyone (owner only)",
            description = "A last conversation.deleted event reaches every former member; then the room, its messages"
                    + " and files are gone: 404 for everyone.")
    @APIResponse(responseCode = "204", description = "Deleted")
    @APIResponse(responseCode = "403", description = "The caller is a member but not the owner")
    @APIResponse(responseCode = "404", description = "No such room, or the caller is not a member")
    public Uni<Void> delete(@PathParam("id") UUID id) {
        return conversations.deleteRoom(user.id(), id);
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
    @Operation(summary = "Add a user or change a member's role (owner and admins; only the owner names or demotes"
            + " admins)")
    @APIResponse(responseCode = "200", description = "The room with its members")
    @APIResponse(responseCode = "400", description = "A field is refused; errors[0].field names it")
    @APIResponse(responseCode = "403", description = "Not allowed (an admin changing an admin), or a block stands"
            + " between the caller and the user")
    @APIResponse(responseCode = "404", description = "No such room or user")
    @APIResponse(responseCode = "409", description = "The room is full or archived")
    @APIResponse(responseCode = "503", description = "Whether the user exists cannot be told now; retry")
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
