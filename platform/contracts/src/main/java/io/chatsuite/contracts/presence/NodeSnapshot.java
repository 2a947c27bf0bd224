package io.chatsuite.contracts.presence;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Every socket the node holds, sent now and then in {@code parts} records (part 1 to parts) of one
 * {@code snapshotId}, so presence-service can rebuild or repair its state (after losing Redis, or a lost signal):
 * after the last part, the node holds exactly the sockets listed.
 */
public record NodeSnapshot(UUID nodeId, UUID snapshotId, int part, int parts, List<Socket> sockets,
                           Instant occurredAt) implements NodeSignal {

    public record Socket(String socketId, UUID userId, UUID sessionId, boolean idle) {
    }
}
