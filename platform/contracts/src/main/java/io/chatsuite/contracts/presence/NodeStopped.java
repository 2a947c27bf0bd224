package io.chatsuite.contracts.presence;

import java.time.Instant;
import java.util.UUID;

/** The node is shutting down cleanly: its sockets are gone (their users may reconnect elsewhere at once). */
public record NodeStopped(UUID nodeId, Instant occurredAt) implements NodeSignal {
}
