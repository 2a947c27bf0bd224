package io.chatsuite.contracts.user;

import java.time.Instant;
import java.util.UUID;

/**
 * The account was deleted by its owner (its profile, already anonymised, came just before as a
 * {@link ProfileUpdated}). Consumers end what the user was part of: chat-service removes them from every
 * conversation. Delivered at least once, so applying it twice must change nothing.
 */
public record UserDeleted(UUID userId, Instant occurredAt) implements UserEvent {
}
