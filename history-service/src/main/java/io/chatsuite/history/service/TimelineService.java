package io.chatsuite.history.service;

import io.chatsuite.contracts.chat.ChatEvent;
import io.chatsuite.history.api.EventPage;
import io.chatsuite.history.api.MessagePage;
import io.chatsuite.history.api.MessageView;
import io.chatsuite.history.api.ThreadPage;
import io.chatsuite.history.mapping.EventJson;
import io.chatsuite.history.repository.ConversationRepository;
import io.chatsuite.history.repository.MessageRepository;
import io.chatsuite.history.repository.ThreadFollowRepository;
import io.chatsuite.history.repository.TimelineEventRepository;
import io.chatsuite.problem.ProblemException;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;

/**
 * A conversation's messages and events, for its current members only: they read the whole history, including what
 * was said before they joined. Anyone else gets the same 404 as for a conversation that does not exist.
 */
@ApplicationScoped
public class TimelineService {

    private final ConversationRepository conversations;
    private final MessageRepository messages;
    private final TimelineEventRepository timeline;
    private final ThreadFollowRepository follows;
    private final EventJson json;

    public TimelineService(ConversationRepository conversations, MessageRepository messages,
                           TimelineEventRepository timeline, ThreadFollowRepository follows, EventJson json) {
        this.follows = follows;
        this.conversations = conversations;
        this.messages = messages;
        this.timeline = timeline;
        this.json = json;
    }

    /**
     * Up to {@code limit} messages before {@code before} (the newest when null), oldest-first. The conversation's seq
     * is read first: a batch projected in between is in the page and after that seq, so a client may apply an event
     * twice but never miss one.
     */
    public Uni<MessagePage> messages(UUID userId, UUID conversationId, Long before, int limit) {
        return latestSeqForMember(conversationId, userId)
                .chain(latest -> messages.newestBefore(conversationId, before == null ? Long.MAX_VALUE : before,
                        limit + 1).map(newestFirst -> {
                            List<MessageView> page = new ArrayList<>(newestFirst.subList(0,
                                    Math.min(limit, newestFirst.size())));
                            Collections.reverse(page);
                            Long nextBefore = newestFirst.size() > limit ? page.get(0).seq() : null;
                            return new MessagePage(conversationId, page, nextBefore, latest);
                        }));
    }

    /**
     * A thread's root and up to {@code limit} of its replies after {@code after}, oldest-first. A message that is
     * itself a thread reply has no thread: 404, as for one that does not exist.
     */
    public Uni<ThreadPage> thread(UUID userId, UUID conversationId, UUID rootId, long after, int limit) {
        return latestSeqForMember(conversationId, userId)
                .chain(latest -> messages.byId(conversationId, rootId))
                .map(root -> root.filter(message -> message.threadRootId() == null)
                        .orElseThrow(() -> ProblemException.notFound("No such thread.")))
                .chain(root -> Uni.combine().all()
                        .unis(messages.threadRepliesAfter(conversationId, rootId, after, limit + 1),
                                follows.follows(rootId, userId))
                        .with((replies, following) -> {
                            List<MessageView> page = replies.subList(0, Math.min(limit, replies.size()));
                            Long nextAfter = replies.size() > limit ? page.get(page.size() - 1).seq() : null;
                            return new ThreadPage(conversationId, root, List.copyOf(page), nextAfter, following);
                        }));
    }

    /** Up to {@code limit} timeline events after {@code after}, in seq order. */
    public Uni<EventPage> events(UUID userId, UUID conversationId, long after, int limit) {
        return latestSeqForMember(conversationId, userId)
                .chain(latest -> timeline.after(conversationId, after, limit + 1).map(payloads -> {
                    List<ChatEvent> events = payloads.stream().limit(limit).map(json::chatEvent).toList();
                    long nextAfter = events.isEmpty() ? after : events.get(events.size() - 1).seq();
                    return new EventPage(conversationId, events, payloads.size() > limit, nextAfter,
                            Math.max(latest, nextAfter));
                }));
    }

    private Uni<Long> latestSeqForMember(UUID conversationId, UUID userId) {
        return conversations.latestSeqIfMember(conversationId, userId)
                .map(latest -> latest.orElseThrow(() -> ProblemException.notFound("No such conversation.")));
    }
}
