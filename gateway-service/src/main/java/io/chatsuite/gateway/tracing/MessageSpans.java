package io.chatsuite.gateway.tracing;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.opentelemetry.context.propagation.TextMapGetter;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.UUID;
import java.util.function.ToIntFunction;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The gateway's two spans of a message's trace: {@code chat.command <type>} for a command read from a socket (the
 * Kafka record to chat.commands carries its context), and {@code chat.deliver} for a frame from a user's Redis
 * channel written to that user's sockets, continuing the trace named in the frame's envelope. They carry ids only,
 * never tokens or message bodies. With tracing off (quarkus.otel.sdk.disabled, the default) no span is made: Quarkus
 * still builds a tracer that hands out span ids then, and those would travel in headers and envelopes for nothing.
 */
@ApplicationScoped
public class MessageSpans {

    public static final String COMMAND_TYPE = "chat.command.type";
    public static final String CLIENT_ID = "chat.client_id";
    public static final String USER_ID = "chat.user_id";
    public static final String CONVERSATION_ID = "chat.conversation_id";
    public static final String SOCKETS = "chat.sockets";

    private static final TextMapGetter<String> TRACEPARENT = new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(String carrier) {
            return List.of("traceparent");
        }

        @Override
        public String get(String carrier, String key) {
            return "traceparent".equals(key) ? carrier : null;
        }
    };

    private final Tracer tracer;
    private final boolean enabled;

    public MessageSpans(Tracer tracer, @ConfigProperty(name = "quarkus.otel.sdk.disabled") boolean disabled) {
        this.tracer = tracer;
        this.enabled = !disabled;
    }

    /** Starts the span of one client command; the caller makes it current while producing the record, then ends it. */
    public Span command(String type, String clientId, UUID userId, UUID conversationId) {
        if (!enabled) {
            return Span.getInvalid();
        }
        // A trace per command: not a child of whatever the socket's context holds (its upgrade request's span).
        return tracer.spanBuilder("chat.command " + type)
                .setNoParent()
                .setSpanKind(SpanKind.SERVER)
                .setAttribute(COMMAND_TYPE, type)
                .setAttribute(CLIENT_ID, clientId)
                .setAttribute(USER_ID, userId.toString())
                .setAttribute(CONVERSATION_ID, conversationId.toString())
                .startSpan();
    }

    /** Ends a command's span once Kafka took the record, or failed to. */
    public static void ended(Span span, Throwable failure) {
        if (failure != null) {
            span.setStatus(StatusCode.ERROR, "not taken by Kafka");
        }
        span.end();
    }

    /**
     * Runs the delivery of a frame to a user's sockets (which answers how many sockets took it) inside a
     * {@code chat.deliver} span, the child of the publisher's span when the frame came with a traceparent. A bare
     * frame (tracing off at the publisher, or presence-service's frames) is delivered without a span.
     */
    public void deliver(String traceparent, UUID userId, ToIntFunction<UUID> delivery) {
        if (traceparent == null || !enabled) {
            delivery.applyAsInt(userId);
            return;
        }
        Context parent = W3CTraceContextPropagator.getInstance().extract(Context.root(), traceparent, TRACEPARENT);
        Span span = tracer.spanBuilder("chat.deliver").setParent(parent).setSpanKind(SpanKind.CONSUMER)
                .setAttribute(USER_ID, userId.toString()).startSpan();
        try (Scope ignored = span.makeCurrent()) {
            span.setAttribute(SOCKETS, delivery.applyAsInt(userId));
        } finally {
            span.end();
        }
    }
}
