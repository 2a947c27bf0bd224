package io.chatsuite.presence.service;

import java.util.List;
import java.util.UUID;

/** A member started or stopped typing, for the conversation's other members. */
public record TypingChange(UUID conversationId, UUID userId, boolean typing, List<UUID> recipients) {
}
