package io.chatsuite.chat.service;

import io.opentelemetry.context.Context;

/**
 * One record of chat.commands: its payload and the trace context it came with (the connector's consumer span, a
 * child of the gateway's; the root context when tracing is off).
 */
public record CommandRecord(String payload, Context trace) {
}
