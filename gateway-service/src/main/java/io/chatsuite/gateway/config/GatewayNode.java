package io.chatsuite.gateway.config;

import io.chatsuite.contracts.protocol.NodeAnswer;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.UUID;

/**
 * This process as a gateway node: the id its presence signals are keyed by and its commands name, so that
 * chat-service answers them on the node's own channel. A restarted process is a new node: the dead one's sockets expire
 * with its heartbeats, and answers meant for it are asked for again by the clients that reconnect.
 */
@ApplicationScoped
public class GatewayNode {

    private final UUID id = UUID.randomUUID();
    private final String answersChannel = NodeAnswer.channelOf(id);

    public UUID id() {
        return id;
    }

    /** The Redis channel of the answers to this node's commands. */
    public String answersChannel() {
        return answersChannel;
    }
}
