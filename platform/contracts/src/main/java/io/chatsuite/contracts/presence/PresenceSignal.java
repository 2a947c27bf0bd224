package io.chatsuite.contracts.presence;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.time.Instant;

/**
 * What gateways tell presence-service on {@code presence.signals}. A node's own signals (sockets, idle, heartbeats,
 * snapshots) are keyed by its node id, so presence-service reads each node's story in the order the node told it;
 * typing is keyed by the user.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
        @JsonSubTypes.Type(value = TypingSignal.class, name = "typing"),
        @JsonSubTypes.Type(value = SocketOpened.class, name = "socket.opened"),
        @JsonSubTypes.Type(value = SocketClosed.class, name = "socket.closed"),
        @JsonSubTypes.Type(value = IdleChanged.class, name = "idle.changed"),
        @JsonSubTypes.Type(value = NodeHeartbeat.class, name = "node.heartbeat"),
        @JsonSubTypes.Type(value = NodeSnapshot.class, name = "node.snapshot"),
        @JsonSubTypes.Type(value = NodeStopped.class, name = "node.stopped")
})
@JsonIgnoreProperties(ignoreUnknown = true)
public sealed interface PresenceSignal
        permits TypingSignal, NodeSignal {

    int VERSION = 1;

    Instant occurredAt();

    /** The record's Kafka key. */
    @JsonIgnore
    String partitionKey();

    @JsonProperty("v")
    default int version() {
        return VERSION;
    }
}
