package io.chatsuite.auth.api;

import io.chatsuite.problem.Storable;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

public record LoginRequest(
        @NotBlank @Size(max = 32) @Storable String username,
        @NotBlank @Size(max = PasswordRule.MAX_LENGTH) String password) {
}
