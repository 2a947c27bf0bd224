package io.chatsuite.contracts.user;

import java.time.Instant;
import java.util.UUID;

/** A session ended (logout, or refresh-token reuse): gateways close its sockets. */
public record SessionRevoked(UUID userId, UUID sessionId, String reason, Instant occurredAt) implements UserEvent {
}
