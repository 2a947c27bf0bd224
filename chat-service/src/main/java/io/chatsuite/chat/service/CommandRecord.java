package io.chatsuite.chat.service;

import io.opentelemetry.context.Context;

/**
 * One record of chat.commands: its key and payload, the trace context it came with (the connector's consumer span,
 * a child of the gateway's; the root context when tracing is off), and where it lies, for a dead letter.
 */
public record CommandRecord(String key, String payload, Context trace, String topic, int partition, long offset) {

    /** "topic-partition@offset", the way the Kafka tools name a record. */
    public String coordinates() {
        return topic + "-" + partition + "@" + offset;
    }
}
