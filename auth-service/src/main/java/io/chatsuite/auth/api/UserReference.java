package io.chatsuite.auth.api;

import jakarta.validation.constraints.NotNull;
import java.util.UUID;

/** Names the other user of a friend request. */
public record UserReference(@NotNull UUID userId) {
}
