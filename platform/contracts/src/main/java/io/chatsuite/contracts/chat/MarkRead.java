package io.chatsuite.contracts.chat;

import java.time.Instant;
import java.util.UUID;

/** Move the sender's read cursor forward to {@code seq}; a lower seq than the current cursor changes nothing. */
public record MarkRead(String clientId, UUID conversationId, UUID senderId, UUID sessionId, Instant receivedAt,
        long seq)
        implements ChatCommand {
}
