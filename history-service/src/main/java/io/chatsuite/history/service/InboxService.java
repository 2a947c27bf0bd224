package io.chatsuite.history.service;

import io.chatsuite.contracts.chat.ChatEvent;
import io.chatsuite.history.api.ConversationSummary;
import io.chatsuite.history.api.SyncRequest;
import io.chatsuite.history.api.SyncResponse;
import io.chatsuite.history.api.SyncResponse.ConversationNews;
import io.chatsuite.history.mapping.EventJson;
import io.chatsuite.history.repository.ConversationRepository;
import io.chatsuite.history.repository.ConversationRepository.Latest;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;

/** What is new for a user across all their conversations. */
@ApplicationScoped
public class InboxService {

    /** A resync answers with the new events of a conversation when there are at most this many, */
    static final int EVENTS_PER_CONVERSATION = 20;
    /** in at most this many bytes, */
    static final int EVENT_BYTES_PER_CONVERSATION = 64 * 1024;
    /** and they fit in this many bytes of the answer with those of the more recently active conversations. */
    static final int EVENT_BYTES = 256 * 1024;

    private final ConversationRepository conversations;
    private final EventJson json;
    private final Clock clock;

    public InboxService(ConversationRepository conversations, EventJson json, Clock clock) {
        this.conversations = conversations;
        this.json = json;
        this.clock = clock;
    }

    public Uni<List<ConversationSummary>> summaries(UUID userId) {
        return conversations.summariesOf(userId, clock.instant());
    }

    /**
     * Which of the user's conversations have events after the client's last seq, and how many; the events themselves
     * when a conversation has few (the limits above), so that a client back from a short disconnect needs this call
     * only, not one more per conversation. Seqs are gapless, so the count is the difference; conversations the client
     * did not list count from 0.
     */
    public Uni<SyncResponse> sync(UUID userId, SyncRequest request) {
        return conversations.latestOf(userId, request.conversations(), EVENTS_PER_CONVERSATION,
                        EVENT_BYTES_PER_CONVERSATION, EVENT_BYTES)
                .map(latest -> {
                    List<ConversationNews> news = latest.entrySet().stream()
                            .map(entry -> news(entry.getKey(), entry.getValue(),
                                    request.conversations().getOrDefault(entry.getKey(), 0L)))
                            .filter(entry -> entry.newEvents() > 0)
                            .sorted(Comparator.comparing(ConversationNews::conversationId))
                            .toList();
                    List<UUID> gone = request.conversations().keySet().stream()
                            .filter(id -> !latest.containsKey(id))
                            .sorted()
                            .toList();
                    return new SyncResponse(news, gone);
                });
    }

    private ConversationNews news(UUID conversationId, Latest latest, long known) {
        long count = latest.latestSeq() - known;
        // All of them or none: a client applies events without a gap, and fetches the pages when they are not here.
        List<ChatEvent> events = count > 0 && latest.newEvents().size() == count
                ? latest.newEvents().stream().map(json::chatEvent).toList() : null;
        return new ConversationNews(conversationId, latest.latestSeq(), count, events);
    }
}
