package io.chatsuite.chat.service;

import io.opentelemetry.context.Context;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/**
 * The trace context in which each event goes out to Kafka and Redis: the span of the command that made it, by
 * conversation and seq. An event without one (stored by a REST call, or left over from a crash) goes out in the
 * context of whoever publishes.
 */
public final class EventTraces {

    private final Map<UUID, Map<Long, Context>> byEvent = new HashMap<>();
    private final Context otherwise;

    private EventTraces(Context otherwise) {
        this.otherwise = otherwise;
    }

    /** Every event in the caller's current context. */
    public static EventTraces current() {
        return new EventTraces(Context.current());
    }

    public EventTraces put(UUID conversationId, long seq, Context context) {
        byEvent.computeIfAbsent(conversationId, id -> new HashMap<>()).put(seq, context);
        return this;
    }

    public Context of(UUID conversationId, long seq) {
        Map<Long, Context> ofConversation = byEvent.get(conversationId);
        return ofConversation == null ? otherwise : ofConversation.getOrDefault(seq, otherwise);
    }
}
