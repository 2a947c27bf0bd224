package io.chatsuite.contracts.protocol;

import java.util.UUID;

/**
 * A frame meant for one login session of a user, as published on the user's Redis channel:
 * {@code {"session":"<sid>","frame":<what would otherwise be published>}}. Acks and errors answer a command id, which
 * is unique per session only, so they go to the sockets of the session that sent the command and not to the user's
 * other devices. Frames for every device are published without this envelope.
 *
 * @param sessionId the session whose sockets get the frame, or null for all of the user's sockets
 * @param published what is delivered: a bare frame or a {@link TracedFrame} envelope
 */
public record SessionFrame(UUID sessionId, String published) {

    private static final String PREFIX = "{\"session\":\"";
    private static final String MIDDLE = "\",\"frame\":";
    private static final String SUFFIX = "}";
    private static final int UUID_LENGTH = 36;

    /** What to publish: the frame for one session, or the frame alone when the session is unknown. */
    public static String wrap(UUID sessionId, String published) {
        return sessionId == null ? published : PREFIX + sessionId + MIDDLE + published + SUFFIX;
    }

    /** Reads what was published without parsing the frame; anything but the envelope is for every session. */
    public static SessionFrame read(String published) {
        int middle = PREFIX.length() + UUID_LENGTH;
        if (!published.startsWith(PREFIX) || !published.startsWith(MIDDLE, middle) || !published.endsWith(SUFFIX)) {
            return new SessionFrame(null, published);
        }
        try {
            return new SessionFrame(UUID.fromString(published.substring(PREFIX.length(), middle)),
                    published.substring(middle + MIDDLE.length(), published.length() - SUFFIX.length()));
        } catch (IllegalArgumentException e) {
            return new SessionFrame(null, published);
        }
    }
}
