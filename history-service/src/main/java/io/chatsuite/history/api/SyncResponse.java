package io.chatsuite.history.api;

import java.util.List;
import java.util.UUID;

/**
 * The caller's conversations with events newer than the client's last seq, and the listed conversations the caller
 * cannot read (left, or never a member: the two look the same).
 */
public record SyncResponse(List<ConversationNews> conversations, List<UUID> gone) {

    /** {@code newEvents} timeline events after the client's seq, up to {@code latestSeq}. */
    public record ConversationNews(UUID conversationId, long latestSeq, long newEvents) {
    }
}
