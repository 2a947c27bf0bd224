package io.chatsuite.contracts.protocol;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * An answer (ack or error) to a command, for the sockets of one session on the gateway node that sent the command.
 * A batch's answers for one node are published together, once, on that node's channel {@code node:{id}}, instead of
 * once per answer on each sender's channel. The gateway names itself in
 * each command's {@link #HEADER} header. What is published is one line per answer: the user's id, the session's id
 * and the published frame (a bare frame or a {@link TracedFrame} envelope). JSON as the services write it holds no
 * raw line break, so a line is an answer.
 *
 * <p>An answer whose socket has moved to another node meanwhile is lost, like a frame published while a socket
 * reconnects: the client sends its unanswered commands again, with the same ids, and gets the same answers.
 *
 * @param userId    the sender
 * @param sessionId the session whose sockets get the frame (a command id is unique per session only)
 * @param published what is delivered
 */
public record NodeAnswer(UUID userId, UUID sessionId, String published) {

    /** The Kafka header of a command that names the gateway node whose socket sent it. */
    public static final String HEADER = "chat-node";

    private static final int UUID_LENGTH = 36;
    private static final int FRAME_AT = 2 * UUID_LENGTH;

    /** The channel of one gateway node's answers. */
    public static String channelOf(UUID nodeId) {
        return "node:" + nodeId;
    }

    /** What to publish for the answers, in order. */
    public static String wrap(List<NodeAnswer> answers) {
        StringBuilder text = new StringBuilder();
        for (NodeAnswer answer : answers) {
            if (answer.published.indexOf('\n') >= 0) {
                throw new IllegalArgumentException("an answer that spans lines: " + answer.published);
            }
            text.append(answer.userId).append(answer.sessionId).append(answer.published).append('\n');
        }
        return text.toString();
    }

    /** The answers published, in order; a line that is not an answer is left out. */
    public static List<NodeAnswer> read(String published) {
        List<NodeAnswer> answers = new ArrayList<>();
        int from = 0;
        while (from < published.length()) {
            int end = published.indexOf('\n', from);
            if (end < 0) {
                end = published.length();
            }
            if (end - from > FRAME_AT) {
                try {
                    answers.add(new NodeAnswer(UUID.fromString(published.substring(from, from + UUID_LENGTH)),
                            UUID.fromString(published.substring(from + UUID_LENGTH, from + FRAME_AT)),
                            published.substring(from + FRAME_AT, end)));
                } catch (IllegalArgumentException e) {
                    // not an answer: the others still are
                }
            }
            from = end + 1;
        }
        return answers;
    }
}
