package io.chatsuite.gateway.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/**
 * The gateway's own meters, scraped at /q/metrics (Prometheus names in docs/operations.md): frames in and out,
 * client commands by type and outcome, and the delivery latency of timeline events.
 */
@ApplicationScoped
public class GatewayMetrics {

    private static final String EVENT_FRAME = "{\"type\":\"event\"";
    private static final String OCCURRED_AT = "\"occurredAt\":";

    private final MeterRegistry registry;
    private final Clock clock;
    private final Counter framesIn;
    private final Counter framesOut;
    private final Timer deliveryLatency;

    public GatewayMetrics(MeterRegistry registry, Clock clock) {
        this.registry = registry;
        this.clock = clock;
        this.framesIn = Counter.builder("chat.gateway.frames.in")
                .description("Frames received from clients").register(registry);
        this.framesOut = Counter.builder("chat.gateway.frames.out")
                .description("Frames written to clients").register(registry);
        this.deliveryLatency = Timer.builder("chat.delivery.latency")
                .description("From the event's creation in chat-service (the command's decision) to the gateway "
                        + "writing its frame to a socket")
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMillis(1))
                .maximumExpectedValue(Duration.ofSeconds(30))
                .register(registry);
    }

    public void frameIn() {
        framesIn.increment();
    }

    public Counter framesOut() {
        return framesOut;
    }

    /** A client command or frame and what became of it at the gateway (forwarded, rate_limited, invalid...). */
    public void command(String type, String outcome) {
        registry.counter("chat.gateway.commands", "type", type, "outcome", outcome).increment();
    }

    /**
     * Times an event frame from its {@code occurredAt} to now. Frames are passed through as published, so the
     * timestamp is found in the text rather than by parsing the whole frame on the hot path.
     */
    public void delivering(String frame) {
        if (!frame.startsWith(EVENT_FRAME)) {
            return;
        }
        int at = frame.indexOf(OCCURRED_AT);
        if (at < 0 || frame.length() <= at + OCCURRED_AT.length() || frame.charAt(at + OCCURRED_AT.length()) != '"') {
            return;
        }
        int from = at + OCCURRED_AT.length() + 1;
        int to = frame.indexOf('"', from);
        if (to < 0) {
            return;
        }
        try {
            Duration latency = Duration.between(Instant.parse(frame.substring(from, to)), clock.instant());
            // Clocks of different hosts differ a little; a negative latency is skew, not a measurement.
            deliveryLatency.record(latency.isNegative() ? Duration.ZERO : latency);
        } catch (DateTimeParseException notATimestamp) {
            // Not ours to judge: the frame is delivered regardless.
        }
    }
}
