package io.chatsuite.auth.api;

import jakarta.validation.constraints.NotNull;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

public record DisplayNameChange(
        @NotNull
        @Schema(description = "1 to 64 characters of any script, trimmed, no control characters")
        String displayName) {
}
