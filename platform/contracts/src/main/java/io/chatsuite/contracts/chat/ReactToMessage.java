package io.chatsuite.contracts.chat;

import java.time.Instant;
import java.util.UUID;

/**
 * Add the sender's reaction {@code emoji} to a message, or take it back when {@code remove} is true. Idempotent by
 * state as well as by id: adding a reaction the sender already has, or removing one they do not have, changes nothing
 * and is acknowledged. {@code emoji} follows {@link ReactionEmoji}.
 */
public record ReactToMessage(String clientId, UUID conversationId, UUID senderId, UUID sessionId, Instant receivedAt,
                             UUID messageId, String emoji, boolean remove) implements ChatCommand {
}
