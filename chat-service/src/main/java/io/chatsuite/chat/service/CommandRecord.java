package io.chatsuite.chat.service;

import io.opentelemetry.context.Context;
import java.util.UUID;

/**
 * One record of chat.commands: its key and payload, the trace context it came with (the connector's consumer span,
 * a child of the gateway's; the root context when tracing is off), the gateway node whose socket sent it (its
 * {@code chat-node} header, whose channel takes the answer; null when it names none), and where it lies, for a dead
 * letter.
 */
public record CommandRecord(String key, String payload, Context trace, UUID node, String topic, int partition,
                            long offset) {

    /** "topic-partition@offset", the way the Kafka tools name a record. */
    public String coordinates() {
        return topic + "-" + partition + "@" + offset;
    }
}
