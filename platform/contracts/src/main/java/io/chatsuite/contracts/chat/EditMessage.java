package io.chatsuite.contracts.chat;

import java.time.Instant;
import java.util.UUID;

/** Replace the body of one's own message. */
public record EditMessage(String clientId, UUID conversationId, UUID senderId, UUID sessionId, Instant receivedAt,
                          UUID messageId, String body) implements ChatCommand {
}
