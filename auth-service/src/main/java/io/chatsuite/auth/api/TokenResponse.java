package io.chatsuite.auth.api;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** What register, login and refresh answer. */
public record TokenResponse(
        @Schema(description = "JWT (RS256) to send as 'Authorization: Bearer'; verify it with /api/auth/jwks")
        String accessToken,
        @Schema(description = "Opaque; exchange it once at /api/auth/refresh for a new pair")
        String refreshToken,
        @Schema(examples = "Bearer")
        String tokenType,
        @Schema(description = "Seconds until the access token expires")
        long expiresIn,
        UserView user) {
}
