package io.chatsuite.history.api;

import java.util.List;
import java.util.UUID;

/** Messages oldest-first; {@code nextBefore} asks for the next older page, null when there is none. */
public record MessagePage(UUID conversationId, List<MessageView> messages, Long nextBefore) {
}
