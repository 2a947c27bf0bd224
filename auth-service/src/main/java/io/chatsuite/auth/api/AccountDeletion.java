package io.chatsuite.auth.api;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

public record AccountDeletion(
        @NotBlank @Size(max = PasswordRule.MAX_LENGTH)
        @Schema(description = "The account's password, to confirm that its owner asks")
        String password) {
}
