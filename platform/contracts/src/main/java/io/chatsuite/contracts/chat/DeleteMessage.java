package io.chatsuite.contracts.chat;

import java.time.Instant;
import java.util.UUID;

/** Delete one's own message (admins and owners may delete any in their room). */
public record DeleteMessage(String clientId, UUID conversationId, UUID senderId, UUID sessionId, Instant receivedAt,
                            UUID messageId) implements ChatCommand {
}
