package io.chatsuite.contracts.presence;

import java.time.Instant;
import java.util.UUID;

/** A user's socket on the node closed, for whatever reason. */
public record SocketClosed(UUID nodeId, String socketId, UUID userId, Instant occurredAt) implements NodeSignal {
}
