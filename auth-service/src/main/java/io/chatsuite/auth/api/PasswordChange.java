package io.chatsuite.auth.api;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

public record PasswordChange(
        @NotBlank @Size(max = PasswordRule.MAX_LENGTH)
        @Schema(description = "The password the account has now")
        String currentPassword,
        @NotNull @Size(min = PasswordRule.MIN_LENGTH, max = PasswordRule.MAX_LENGTH)
        @Schema(description = "8 to 128 characters, not one of the most common passwords (as at registration)")
        String newPassword) {
}
