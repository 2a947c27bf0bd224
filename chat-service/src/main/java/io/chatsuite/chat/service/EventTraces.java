package io.chatsuite.chat.service;

import io.opentelemetry.context.Context;
import java.util.HashMap;
import java.util.Map;

/**
 * The trace context in which each event of one conversation goes out to Kafka and Redis: the span of the command
 * that made it, by seq. An event without one (stored by a REST call, or left over from a crash) goes out in the
 * context of whoever flushes.
 */
public final class EventTraces {

    private final Map<Long, Context> bySeq = new HashMap<>();
    private final Context otherwise;

    private EventTraces(Context otherwise) {
        this.otherwise = otherwise;
    }

    /** Every event in the caller's current context. */
    public static EventTraces current() {
        return new EventTraces(Context.current());
    }

    public EventTraces put(long seq, Context context) {
        bySeq.put(seq, context);
        return this;
    }

    public Context of(long seq) {
        return bySeq.getOrDefault(seq, otherwise);
    }
}
