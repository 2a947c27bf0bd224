package io.chatsuite.history.service;

import io.chatsuite.history.api.ConversationSummary;
import io.chatsuite.history.api.SyncRequest;
import io.chatsuite.history.api.SyncResponse;
import io.chatsuite.history.api.SyncResponse.ConversationNews;
import io.chatsuite.history.repository.ConversationRepository;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;

/** What is new for a user across all their conversations. */
@ApplicationScoped
public class InboxService {

    private final ConversationRepository conversations;
    private final Clock clock;

    public InboxService(ConversationRepository conversations, Clock clock) {
        this.conversations = conversations;
        this.clock = clock;
    }

    public Uni<List<ConversationSummary>> summaries(UUID userId) {
        return conversations.summariesOf(userId, clock.instant());
    }

    /**
     * Which of the user's conversations have events after the client's last seq, and how many. Seqs are gapless, so
     * the count is the difference; conversations the client did not list count from 0.
     */
    public Uni<SyncResponse> sync(UUID userId, SyncRequest request) {
        return conversations.latestSeqsOf(userId).map(latest -> {
            List<ConversationNews> news = latest.entrySet().stream()
                    .map(entry -> new ConversationNews(entry.getKey(), entry.getValue(),
                            entry.getValue() - request.conversations().getOrDefault(entry.getKey(), 0L)))
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
}
