package io.chatsuite.loadgen;

import java.util.LinkedHashMap;
import java.util.Map;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/** A latency recorder many event-loop threads write to, read as one histogram per measured interval. */
final class Latencies {

    private static final long HIGHEST_NANOS = 600_000_000_000L;

    private final Recorder recorder = new Recorder(HIGHEST_NANOS, 3);

    void recordSince(long intendedNanos) {
        long elapsed = System.nanoTime() - intendedNanos;
        recorder.recordValue(Math.max(0, Math.min(HIGHEST_NANOS, elapsed)));
    }

    void record(long nanos) {
        recorder.recordValue(Math.max(0, Math.min(HIGHEST_NANOS, nanos)));
    }

    /** What was recorded since the last call (the first call: since creation). */
    Histogram interval() {
        return recorder.getIntervalHistogram();
    }

    /** count, p50, p90, p99, p99.9, max in milliseconds (three decimals). */
    static Map<String, Object> summary(Histogram histogram) {
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("count", histogram.getTotalCount());
        summary.put("p50_ms", ms(histogram.getValueAtPercentile(50)));
        summary.put("p90_ms", ms(histogram.getValueAtPercentile(90)));
        summary.put("p99_ms", ms(histogram.getValueAtPercentile(99)));
        summary.put("p99_9_ms", ms(histogram.getValueAtPercentile(99.9)));
        summary.put("max_ms", ms(histogram.getMaxValue()));
        return summary;
    }

    static String line(Histogram h) {
        if (h.getTotalCount() == 0) {
            return "no samples";
        }
        return String.format("p50 %s  p90 %s  p99 %s  p99.9 %s  max %s ms  (n=%d)",
                ms(h.getValueAtPercentile(50)), ms(h.getValueAtPercentile(90)), ms(h.getValueAtPercentile(99)),
                ms(h.getValueAtPercentile(99.9)), ms(h.getMaxValue()), h.getTotalCount());
    }

    static double ms(long nanos) {
        return Math.round(nanos / 1000.0) / 1000.0;
    }
}
