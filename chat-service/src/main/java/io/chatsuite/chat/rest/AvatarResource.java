package io.chatsuite.chat.rest;

import io.chatsuite.chat.repository.AttachmentRow;
import io.chatsuite.chat.service.AttachmentService;
import io.chatsuite.contracts.chat.AttachmentRef;
import io.chatsuite.kit.CurrentUser;
import io.quarkus.security.Authenticated;
import io.smallrye.common.annotation.Blocking;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.InputStream;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

/**
 * Profile pictures. The picture is uploaded here, like an attachment; the profile (auth-service) then names it
 * ({@code PUT /api/users/me/avatar}), and every signed-in user may download it. Blocking, like attachments.
 */
@Path("/api/avatars")
@Authenticated
@Blocking
@APIResponse(responseCode = "401", description = "No valid access token")
public class AvatarResource {

    private final AttachmentService attachments;
    private final AttachmentResponses responses;
    private final CurrentUser user;

    public AvatarResource(AttachmentService attachments, AttachmentResponses responses, CurrentUser user) {
        this.attachments = attachments;
        this.responses = responses;
        this.user = user;
    }

    @POST
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Upload a profile picture (the raw image as the body); then name it in the profile")
    @APIResponse(responseCode = "201", description = "The stored picture; its id is the avatarId")
    @APIResponse(responseCode = "413", description = "Larger than chat.attachments.avatar-max-size, or over quota")
    @APIResponse(responseCode = "415", description = "Not a JPEG, PNG, GIF or WebP image (decided by its bytes)")
    public Response upload(@HeaderParam(HttpHeaders.CONTENT_LENGTH) Long length, InputStream body) throws IOException {
        AttachmentRef uploaded = attachments.uploadAvatar(user.id(), length, body);
        return Response.status(Response.Status.CREATED).header(HttpHeaders.LOCATION, "/api/avatars/" + uploaded.id())
                .entity(uploaded).build();
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "A profile picture, for any signed-in user: its thumbnail (at most 320 px) when it has one")
    @APIResponse(responseCode = "200", description = "The image")
    @APIResponse(responseCode = "404", description = "No such picture (or an upload that is not one)")
    public Response download(@PathParam("id") UUID id, @HeaderParam(HttpHeaders.IF_NONE_MATCH) String ifNoneMatch)
            throws IOException {
        AttachmentRow row = attachments.avatar(id);
        if (row.ref().hasThumbnail() && row.thumbnailType() != null) {
            return responses.serve(row, true, "\"" + row.sha256() + "-thumbnail\"", row.thumbnailType(), true,
                    "avatar", ifNoneMatch);
        }
        return responses.serve(row, false, '"' + row.sha256() + '"', row.ref().contentType(), true, "avatar",
                ifNoneMatch);
    }
}
