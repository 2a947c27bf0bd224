package io.chatsuite.auth.api;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

public record RegisterRequest(
        @NotNull
        @Pattern(regexp = UsernameRule.PATTERN, message = UsernameRule.MESSAGE)
        @Schema(description = "3 to 32 letters, digits, '_', '.' or '-'; unique ignoring case", examples = "ada.l")
        String username,
        @NotNull
        @Size(min = PasswordRule.MIN_LENGTH, max = PasswordRule.MAX_LENGTH)
        @Schema(description = "8 to 128 characters, not one of the most common passwords")
        String password,
        @Schema(description = "1 to 64 characters of any script, trimmed; the username when absent",
                nullable = true, examples = "Ada Lovelace")
        String displayName) {
}
