package io.chatsuite.auth.api;

import java.util.UUID;

/** A user as every other user may see them. */
public record UserView(UUID id, String username, String displayName) {
}
