package io.chatsuite.auth.api;

import java.time.Instant;

/**
 * Another user and since when they are related to the caller: a friend, a pending request (either way), a block.
 */
public record Relation(UserView user, Instant since) {
}
