package io.chatsuite.auth.api;

import jakarta.validation.constraints.NotNull;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

public record AvatarChoice(
        @NotNull
        @Schema(description = "The id chat-service answered for the picture uploaded to POST /api/avatars")
        UUID avatarId) {
}
