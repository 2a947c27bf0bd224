package io.chatsuite.history.listener;

import io.chatsuite.contracts.chat.ChatEvent;
import io.chatsuite.history.mapping.EventJson;
import io.chatsuite.history.service.ChatEventProjector;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Consumes chat.events one record at a time. The record is acknowledged (its offset committable) only when the
 * transaction that stores it has committed; an unreadable record fails the channel rather than leave a hole.
 */
@ApplicationScoped
public class ChatEventsListener {

    private final EventJson json;
    private final ChatEventProjector projector;
    private final StoreRetry retry;

    public ChatEventsListener(EventJson json, ChatEventProjector projector, StoreRetry retry) {
        this.json = json;
        this.projector = projector;
        this.retry = retry;
    }

    @Incoming("chat-events")
    public Uni<Void> consume(String record) {
        ChatEvent event = json.chatEvent(record);
        return retry.store(projector.apply(event),
                "chat event " + event.conversationId() + "#" + event.seq() + " (" + event.getClass().getSimpleName() + ")");
    }
}
