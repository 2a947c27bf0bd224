package io.chatsuite.chat.rest;

import io.chatsuite.chat.repository.AttachmentRow;
import io.chatsuite.chat.service.AttachmentService;
import io.chatsuite.contracts.chat.AttachmentRef;
import io.chatsuite.kit.CurrentUser;
import io.chatsuite.problem.ProblemException;
import io.quarkus.security.Authenticated;
import io.smallrye.common.annotation.Blocking;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.InputStream;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * Upload a file before sending it; download what was posted where the caller is a member. Blocking on purpose: the
 * body streams to a spool file, images are decoded and the object store is called, all on worker threads.
 */
@Path("/api/attachments")
@Authenticated
@Blocking
public class AttachmentResource {

    private final AttachmentService attachments;
    private final AttachmentResponses responses;
    private final CurrentUser user;

    public AttachmentResource(AttachmentService attachments, AttachmentResponses responses, CurrentUser user) {
        this.attachments = attachments;
        this.responses = responses;
        this.user = user;
    }

    @POST
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Upload a file (the raw bytes as the body); its type is decided by its bytes. 413 over the"
            + " size limit or quota, 415 for a type not accepted")
    public Response upload(@QueryParam("name") String name, @HeaderParam(HttpHeaders.CONTENT_LENGTH) Long length,
                           InputStream body) throws IOException {
        AttachmentRef uploaded = attachments.upload(user.id(), name, length, body);
        // A path, not an absolute URL: behind the gateway, this service's own host name means nothing to a client.
        return Response.status(Response.Status.CREATED).header(HttpHeaders.LOCATION, "/api/attachments/" + uploaded.id())
                .entity(uploaded).build();
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "Download a file posted in a conversation of the caller's (or the caller's own unposted"
            + " upload); 404 for anyone else")
    public Response download(@PathParam("id") UUID id, @HeaderParam(HttpHeaders.IF_NONE_MATCH) String ifNoneMatch)
            throws IOException {
        AttachmentRow row = attachments.readable(user.id(), id);
        String contentType = row.ref().contentType();
        boolean inline = contentType.startsWith("image/");
        return responses.serve(row, false, '"' + row.sha256() + '"', contentType, inline, row.ref().name(), ifNoneMatch);
    }

    @GET
    @Path("/{id}/thumbnail")
    @Operation(summary = "An image's thumbnail (JPEG or PNG, at most 320 px on the long side); 404 if none")
    public Response thumbnail(@PathParam("id") UUID id, @HeaderParam(HttpHeaders.IF_NONE_MATCH) String ifNoneMatch)
            throws IOException {
        AttachmentRow row = attachments.readable(user.id(), id);
        if (!row.ref().hasThumbnail() || row.thumbnailType() == null) {
            throw ProblemException.notFound("this attachment has no thumbnail");
        }
        String extension = row.thumbnailType().equals("image/png") ? ".png" : ".jpg";
        return responses.serve(row, true, "\"" + row.sha256() + "-thumbnail\"", row.thumbnailType(), true,
                "thumbnail-" + row.ref().name() + extension, ifNoneMatch);
    }
}
