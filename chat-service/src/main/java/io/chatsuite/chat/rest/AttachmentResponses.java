package io.chatsuite.chat.rest;

import io.chatsuite.chat.attachment.FileNames;
import io.chatsuite.chat.repository.AttachmentRow;
import io.chatsuite.chat.service.AttachmentService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * The one way an upload's bytes leave the service, attachments and avatars alike: the type decided at upload,
 * nosniff, a sandboxing CSP, an ETag and revalidation on every use. Blocking (the object store): call it from workers.
 */
@ApplicationScoped
public class AttachmentResponses {

    private final AttachmentService attachments;

    public AttachmentResponses(AttachmentService attachments) {
        this.attachments = attachments;
    }

    public Response serve(AttachmentRow row, boolean thumbnail, String etag, String contentType, boolean inline,
                          String fileName, String ifNoneMatch) throws IOException {
        Response.ResponseBuilder response;
        if (matches(ifNoneMatch, etag)) {
            response = Response.notModified();
        } else {
            InputStream bytes = attachments.open(row, thumbnail);
            StreamingOutput body = out -> {
                try (bytes) {
                    bytes.transferTo(out);
                }
            };
            response = Response.ok(body, contentType)
                    .header(HttpHeaders.CONTENT_DISPOSITION, FileNames.contentDisposition(inline, fileName));
            if (!thumbnail) {
                response.header(HttpHeaders.CONTENT_LENGTH, row.ref().size());
            }
        }
        return response.header(HttpHeaders.ETAG, etag)
                // Revalidate every time: a deleted message's file must stop being served, even from a cache.
                .header(HttpHeaders.CACHE_CONTROL, "private, no-cache")
                .header("X-Content-Type-Options", "nosniff")
                // Should a file ever be opened as a page, it runs nothing and loads nothing.
                .header("Content-Security-Policy", "default-src 'none'; sandbox")
                .header("Cross-Origin-Resource-Policy", "same-origin")
                .build();
    }

    private static boolean matches(String ifNoneMatch, String etag) {
        if (ifNoneMatch == null || ifNoneMatch.isBlank()) {
            return false;
        }
        return Arrays.stream(ifNoneMatch.split(",")).map(String::trim)
                .map(tag -> tag.startsWith("W/") ? tag.substring(2) : tag)
                .anyMatch(tag -> tag.equals("*") || tag.equals(etag));
    }
}
