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

    /**
     * Where a consumer puts a record of this topic that it cannot apply after its retries (with the reason and the
     * record's topic, partition and offset in headers), so that one bad record never stops a consumer.
     */
    public String deadLetterTopicName() {
        return topicName + ".dead-letter";
    }

    /** The dead-letter topic of every topic, created with the topics themselves. */
    public static List<String> deadLetterNames() {
        return List.of(values()).stream().map(Topic::deadLetterTopicName).toList();
    }

    public static List<String> allNames() {
        return List.of(values()).stream().map(Topic::topicName).toList();
    }
}
