package io.chatsuite.contracts.presence;

import java.time.Instant;
import java.util.UUID;

/** The device behind a socket reported no input for a while ({@code idle}) or input again. */
public record IdleChanged(UUID nodeId, String socketId, UUID userId, boolean idle, Instant occurredAt)
        implements NodeSignal {
}
