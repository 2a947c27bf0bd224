package io.chatsuite.contracts.presence;

import java.time.Instant;
import java.util.UUID;

/** A user's socket (one device, one login session) opened on the node. */
public record SocketOpened(UUID nodeId, String socketId, UUID userId, UUID sessionId, Instant occurredAt)
        implements NodeSignal {
}
