package io.chatsuite.history.api;

import io.chatsuite.contracts.chat.ChatEvent;
import java.util.List;
import java.util.UUID;

/**
 * Timeline events in seq order without a gap, as chat-service published them (deleted messages scrubbed). Ask again
 * with {@code after=nextAfter} while {@code hasMore}; {@code nextAfter} is the client's new last seq.
 */
public record EventPage(UUID conversationId, List<ChatEvent> events, boolean hasMore, long nextAfter,
                        long latestSeq) {
}
