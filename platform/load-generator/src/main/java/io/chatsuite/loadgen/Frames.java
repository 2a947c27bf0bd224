package io.chatsuite.loadgen;

/**
 * The few protocol frames the bench writes, and cheap reads of the server's frames on the hot path (thousands a
 * second on a machine the suite also needs): the server writes {@code type} first, so a prefix tells the kind.
 *
 * <p>A bench message carries its intended send time (this JVM's {@link System#nanoTime}) in its command id and body:
 * {@code id = "b<nanos>-<n>"}, {@code body = "bench:<nanos>:<tag>"}; the ack echoes the id, the recipient's event
 * carries the body, and latency is measured from that intended time, not from when the send happened to go out.
 */
final class Frames {

    private static final String BODY_MARK = "\"body\":\"bench:";
    private static final String ID_MARK = "\"id\":\"b";

    private Frames() {
    }

    static String send(long intendedNanos, long serial, String conversationId, String tag) {
        return "{\"type\":\"send\",\"id\":\"b" + intendedNanos + "-" + serial + "\",\"conversationId\":\""
                + conversationId + "\",\"body\":\"bench:" + intendedNanos + ":" + tag + "\"}";
    }

    static boolean isAck(String frame) {
        return frame.startsWith("{\"type\":\"ack\"");
    }

    static boolean isError(String frame) {
        return frame.startsWith("{\"type\":\"error\"");
    }

    static boolean isEvent(String frame) {
        return frame.startsWith("{\"type\":\"event\"");
    }

    static boolean isBenchMessage(String frame) {
        return isEvent(frame) && frame.contains(BODY_MARK);
    }

    /** The intended send time of the bench message in an event frame, or -1. */
    static long messageStamp(String frame) {
        return numberAfter(frame, BODY_MARK);
    }

    /** The tag of the bench message in an event frame. */
    static String messageTag(String frame) {
        int at = frame.indexOf(BODY_MARK);
        int from = frame.indexOf(':', at + BODY_MARK.length()) + 1;
        return frame.substring(from, frame.indexOf('"', from));
    }

    /** The intended send time of the command an ack or error answers, or -1. */
    static long commandStamp(String frame) {
        return numberAfter(frame, ID_MARK);
    }

    static String field(String frame, String name) {
        String mark = "\"" + name + "\":\"";
        int at = frame.indexOf(mark);
        if (at < 0) {
            return null;
        }
        int from = at + mark.length();
        return frame.substring(from, frame.indexOf('"', from));
    }

    static long number(String frame, String name) {
        return numberAfter(frame, "\"" + name + "\":");
    }

    private static long numberAfter(String frame, String mark) {
        int at = frame.indexOf(mark);
        if (at < 0) {
            return -1;
        }
        long value = 0;
        for (int i = at + mark.length(); i < frame.length(); i++) {
            char c = frame.charAt(i);
            if (c < '0' || c > '9') {
                break;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }
}
