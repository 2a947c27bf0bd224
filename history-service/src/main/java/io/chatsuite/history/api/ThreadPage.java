package io.chatsuite.history.api;

import java.util.List;
import java.util.UUID;

/**
 * A thread: its root (with its summary) and replies oldest-first after a seq. {@code nextAfter} asks for the next
 * newer replies, null when there are none yet; {@code following} says whether the caller follows the thread (its new
 * replies count in the caller's unread state).
 */
public record ThreadPage(UUID conversationId, MessageView root, List<MessageView> replies, Long nextAfter,
                         boolean following) {
}
