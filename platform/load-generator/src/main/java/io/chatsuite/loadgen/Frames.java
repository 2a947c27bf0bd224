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

    /** A bench message as a reply in the thread under {@code rootMessageId} (thread only, tag {@code t}). */
    static String threadReply(long intendedNanos, long serial, String conversationId, String rootMessageId) {
        return "{\"type\":\"send\",\"id\":\"b" + intendedNanos + "-" + serial + "-t\",\"conversationId\":\""
                + conversationId + "\",\"body\":\"bench:" + intendedNanos + ":t\",\"threadRootId\":\""
                + rootMessageId + "\"}";
    }

    /** Adds (or with {@code remove} takes back) a thumbs-up on the message; the id ends with the sender's number. */
    static String react(long intendedNanos, long serial, int sender, String conversationId, String messageId,
                        boolean remove) {
        return "{\"type\":\"react\",\"id\":\"b" + intendedNanos + "-" + serial + "-r" + sender
                + "\",\"conversationId\":\"" + conversationId + "\",\"messageId\":\"" + messageId
                + "\",\"emoji\":\"\uD83D\uDC4D\"" + (remove ? ",\"remove\":true" : "") + "}";
    }

    /** Moves the sender's read cursor to {@code seq}. */
    static String read(long intendedNanos, long serial, String conversationId, long seq) {
        return "{\"type\":\"read\",\"id\":\"b" + intendedNanos + "-" + serial + "-c\",\"conversationId\":\""
                + conversationId + "\",\"seq\":" + seq + "}";
    }

    static boolean isAck(String frame) {
        return frame.startsWith("{\"type\":\"ack\"");
    }

    static boolean isError(String frame) {
        return frame.startsWith("{\"type\":\"error\"");
    }

    static boolean isReceipt(String frame) {
        return frame.startsWith("{\"type\":\"receipt\"");
    }

    /** An event frame of a reaction added or removed. */
    static boolean isReaction(String frame) {
        return isEvent(frame) && frame.contains("\"type\":\"reaction.");
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
