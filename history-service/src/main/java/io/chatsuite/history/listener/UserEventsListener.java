package io.chatsuite.history.listener;

import io.chatsuite.history.mapping.EventJson;
import io.chatsuite.history.service.UserProfileProjector;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/** Consumes user.events for display names, acknowledging each record once stored. */
@ApplicationScoped
public class UserEventsListener {

    private final EventJson json;
    private final UserProfileProjector projector;
    private final StoreRetry retry;

    public UserEventsListener(EventJson json, UserProfileProjector projector, StoreRetry retry) {
        this.json = json;
        this.projector = projector;
        this.retry = retry;
    }

    @Incoming("user-events")
    public Uni<Void> consume(String record) {
        var event = json.userEvent(record);
        return event == null ? Uni.createFrom().voidItem()
                : retry.store(projector.apply(event), "user event of " + event.userId());
    }
}
