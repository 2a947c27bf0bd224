package io.chatsuite.auth.api;

import java.time.Instant;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** One of the caller's live sessions, as the account settings list them. */
public record SessionView(
        UUID id,
        @Schema(description = "The User-Agent it signed in with", nullable = true) String userAgent,
        @Schema(description = "The client address of its sign-in or latest refresh", nullable = true) String address,
        Instant createdAt,
        @Schema(description = "Its sign-in or latest token refresh") Instant lastUsedAt,
        @Schema(description = "Whether it is the session of the token that asked") boolean current) {
}
