package io.chatsuite.contracts.chat;

import java.time.Instant;
import java.util.UUID;

/**
 * "Mark as unread": move the sender's read cursor back to just before {@code messageId}, a message of the
 * conversation, so it and what follows count as unread again. The one move of a cursor backwards; a message that is
 * already unread changes nothing.
 */
public record MarkUnread(String clientId, UUID conversationId, UUID senderId, UUID sessionId, Instant receivedAt,
        UUID messageId)
        implements ChatCommand {
}
