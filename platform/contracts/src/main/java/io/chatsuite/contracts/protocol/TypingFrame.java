package io.chatsuite.contracts.protocol;

import java.util.UUID;

/** Another member started ({@code true}) or stopped typing in a conversation. */
public record TypingFrame(UUID conversationId, UUID userId, boolean typing) implements ServerFrame {
}
