package io.chatsuite.chat.tracing;

import io.chatsuite.contracts.chat.ChatCommand;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * chat-service's span of a command, {@code chat.process <type>}: the child of the Kafka consumer span of the
 * command's own record, so it continues the gateway's trace even though commands are decided a batch at a time.
 * The events and frames the command causes are sent in its context. Ids only, never message bodies.
 *
 * <p>With tracing off (quarkus.otel.sdk.disabled, the default) there are no spans and no traceparent: Quarkus still
 * builds a tracer that hands out span ids then, and they would ride on every Redis frame for nothing.
 */
@ApplicationScoped
public class ChatTracing {

    public static final String COMMAND_TYPE = "chat.command.type";
    public static final String CLIENT_ID = "chat.client_id";
    public static final String USER_ID = "chat.user_id";
    public static final String CONVERSATION_ID = "chat.conversation_id";

    private final Tracer tracer;
    private final boolean enabled;

    public ChatTracing(Tracer tracer, @ConfigProperty(name = "quarkus.otel.sdk.disabled") boolean disabled) {
        this.tracer = tracer;
        this.enabled = !disabled;
    }

    /** Starts the command's span under its record's context (the whole batch's processing is its duration). */
    public Span start(ChatCommand command, Context record) {
        if (!enabled) {
            return Span.getInvalid();
        }
        String type = ChatCommand.typeName(command);
        return tracer.spanBuilder("chat.process " + type)
                .setParent(record)
                .setSpanKind(SpanKind.INTERNAL)
                .setAttribute(COMMAND_TYPE, type)
                .setAttribute(CLIENT_ID, command.clientId())
                .setAttribute(USER_ID, command.senderId().toString())
                .setAttribute(CONVERSATION_ID, command.conversationId().toString())
                .startSpan();
    }

    public static void ended(Span span, Throwable failure) {
        if (failure != null) {
            span.setStatus(StatusCode.ERROR, "the batch failed; it is redelivered");
        }
        span.end();
    }

    /** The W3C traceparent of the context's span, or null when there is none (tracing off, no trace). */
    public String traceparent(Context context) {
        SpanContext span = Span.fromContext(context).getSpanContext();
        if (!enabled || !span.isValid()) {
            return null;
        }
        return "00-" + span.getTraceId() + "-" + span.getSpanId() + "-" + span.getTraceFlags().asHex();
    }
}
