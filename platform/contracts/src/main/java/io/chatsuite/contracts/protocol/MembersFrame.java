package io.chatsuite.contracts.protocol;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.UUID;

/**
 * One frame for many users, published once on the {@link #CHANNEL} channel that every gateway node hears:
 * {@code {"to":["<user id>",...],"frame":<what would otherwise be published on each user's channel>}}. Each node
 * writes the frame to the sockets it holds of the users named, so a room's event costs one publish, and one read per
 * node, instead of one of each per member. Below {@link #FROM_RECIPIENTS} recipients the users' own channels are
 * cheaper: every node reads every frame of this channel, the ids of users held elsewhere included.
 *
 * @param to        the users whose sockets get the frame
 * @param published what is delivered: a bare frame or a {@link TracedFrame} envelope
 */
public record MembersFrame(List<UUID> to, String published) {

    /** The channel every gateway node subscribes before any user's channel. */
    public static final String CHANNEL = "members";
    /** From this many recipients a frame is published once here rather than on each recipient's channel. */
    public static final int FROM_RECIPIENTS = 8;

    private static final String PREFIX = "{\"to\":[";
    private static final String MIDDLE = "],\"frame\":";
    private static final String SUFFIX = "}";
    private static final int UUID_LENGTH = 36;

    public static String wrap(Collection<UUID> to, String published) {
        StringBuilder text = new StringBuilder(PREFIX.length() + to.size() * (UUID_LENGTH + 3) + MIDDLE.length()
                + published.length() + SUFFIX.length()).append(PREFIX);
        for (UUID user : to) {
            text.append('"').append(user).append("\",");
        }
        if (!to.isEmpty()) {
            text.setLength(text.length() - 1);
        }
        return text.append(MIDDLE).append(published).append(SUFFIX).toString();
    }

    /** Reads what was published without parsing the frame; null for anything that is not this envelope. */
    public static MembersFrame read(String published) {
        if (!published.startsWith(PREFIX) || !published.endsWith(SUFFIX)) {
            return null;
        }
        List<UUID> to = new ArrayList<>();
        int at = PREFIX.length();
        try {
            boolean more = published.charAt(at) == '"';
            while (more) {
                // at is on the opening quote of an id
                to.add(UUID.fromString(published.substring(at + 1, at + 1 + UUID_LENGTH)));
                at += UUID_LENGTH + 1;
                if (published.charAt(at) != '"') {
                    return null;
                }
                more = published.charAt(++at) == ',';
                if (more && published.charAt(++at) != '"') {
                    return null;
                }
            }
        } catch (IllegalArgumentException | IndexOutOfBoundsException e) {
            return null;
        }
        if (!published.startsWith(MIDDLE, at)) {
            return null;
        }
        return new MembersFrame(List.copyOf(to),
                published.substring(at + MIDDLE.length(), published.length() - SUFFIX.length()));
    }
}
