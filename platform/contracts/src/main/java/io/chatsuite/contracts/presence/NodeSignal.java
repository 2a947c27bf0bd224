package io.chatsuite.contracts.presence;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.util.UUID;

/**
 * A signal about a gateway node or the sockets it holds. A node id is chosen at each start of a gateway process,
 * so a restarted node is a new node and the old one's sockets expire with it.
 */
public sealed interface NodeSignal extends PresenceSignal
        permits SocketOpened, SocketClosed, IdleChanged, NodeHeartbeat, NodeSnapshot, NodeStopped {

    UUID nodeId();

    @Override
    @JsonIgnore
    default String partitionKey() {
        return nodeId().toString();
    }
}
