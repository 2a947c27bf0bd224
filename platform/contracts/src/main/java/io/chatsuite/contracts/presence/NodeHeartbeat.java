package io.chatsuite.contracts.presence;

import java.time.Instant;
import java.util.UUID;

/**
 * The node is alive: one record per node per beat, whatever its number of sockets. {@code intervalMillis} is the
 * node's beat, so presence-service can declare it dead in time; {@code sockets} is how many it holds.
 */
public record NodeHeartbeat(UUID nodeId, long intervalMillis, int sockets, Instant occurredAt) implements NodeSignal {
}
