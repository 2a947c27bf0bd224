package io.chatsuite.contracts.protocol;

/**
 * A server frame as published on a Redis channel, with the W3C {@code traceparent} of the work that produced it
 * when tracing is on: {@code {"traceparent":"00-<trace>-<span>-01","frame":<the frame>}}. Redis pub/sub has no
 * headers, so the trace context travels in this envelope; the gateway takes it off before the frame reaches the
 * client. Without a trace the frame is published bare, so the envelope costs nothing when tracing is off.
 *
 * @param traceparent the producer's trace context, or null when the frame was published bare
 * @param frame       the server frame's JSON, exactly as the client receives it
 */
public record TracedFrame(String traceparent, String frame) {

    private static final String PREFIX = "{\"traceparent\":\"";
    private static final String MIDDLE = "\",\"frame\":";
    private static final String SUFFIX = "}";

    /** What to publish: the frame in its envelope, or the frame alone when there is no trace context. */
    public static String wrap(String traceparent, String frame) {
        if (traceparent == null || traceparent.isEmpty()) {
            return frame;
        }
        return PREFIX + traceparent + MIDDLE + frame + SUFFIX;
    }

    /**
     * Reads what was published, without parsing the frame: a bare frame (it starts with {@code {"type":}) never
     * matches the envelope's prefix.
     */
    public static TracedFrame read(String published) {
        if (!published.startsWith(PREFIX)) {
            return new TracedFrame(null, published);
        }
        int end = published.indexOf('"', PREFIX.length());
        if (end < 0 || !published.startsWith(MIDDLE, end) || !published.endsWith(SUFFIX)) {
            return new TracedFrame(null, published);
        }
        return new TracedFrame(published.substring(PREFIX.length(), end),
                published.substring(end + MIDDLE.length(), published.length() - SUFFIX.length()));
    }
}
