package io.chatsuite.contracts;

import java.util.List;

/**
 * The Kafka topics of the suite. Services map their channels to these names in configuration; the local stack and
 * the deployment manifests create them with these partition counts.
 */
public enum Topic {
    /** Inbound commands from gateways, keyed by conversation id. */
    CHAT_COMMANDS("chat.commands"),
    /** The sequenced timeline produced by chat-service, keyed by conversation id. */
    CHAT_EVENTS("chat.events"),
    /** Socket, idle, heartbeat and snapshot signals from gateways keyed by node id; typing keyed by user id. */
    PRESENCE_SIGNALS("presence.signals"),
    /** Account, profile, friendship, block and session changes from auth-service, keyed by user id. */
    USER_EVENTS("user.events");

    /** Enough partitions for a handful of consumer replicas per service; order is per key, so this only caps scale-out. */
    public static final int PARTITIONS = 6;

    private final String topicName;

    Topic(String topicName) {
        this.topicName = topicName;
    }

    public String topicName() {
        return topicName;
    }

    public static List<String> allNames() {
        return List.of(values()).stream().map(Topic::topicName).toList();
    }
}
