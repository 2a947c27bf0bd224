package io.chatsuite.history.api;

import java.util.List;
import java.util.UUID;

/**
 * Messages oldest-first; {@code nextBefore} asks for the next older page, null when there is none. {@code lastSeq} is
 * the conversation's seq when the page was read: the page shows the effect of every event up to it (thread replies,
 * reactions and joins included, which are not messages of the page), so a client applies live events after it only.
 */
public record MessagePage(UUID conversationId, List<MessageView> messages, Long nextBefore, long lastSeq) {
}
