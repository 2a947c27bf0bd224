package io.chatsuite.history.api;

import io.chatsuite.contracts.chat.ChatEvent;
import java.util.List;
import java.util.UUID;

/**
 * The caller's conversations with events newer than the client's last seq, and the listed conversations the caller
 * cannot read (left, or never a member: the two look the same).
 */
public record SyncResponse(List<ConversationNews> conversations, List<UUID> gone) {

    /**
     * {@code newEvents} timeline events after the client's seq, up to {@code latestSeq}; {@code events} are those events
     * in seq order, as the events pages give them, when they are few enough to come along (null otherwise: read them
     * from the events pages).
     */
    public record ConversationNews(UUID conversationId, long latestSeq, long newEvents, List<ChatEvent> events) {
    }
}
