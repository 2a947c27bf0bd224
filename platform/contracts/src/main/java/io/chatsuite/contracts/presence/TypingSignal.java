package io.chatsuite.contracts.presence;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.time.Instant;
import java.util.UUID;

/** The user started ({@code typing}) or stopped typing in a conversation; presence-service checks membership. */
public record TypingSignal(UUID userId, UUID conversationId, boolean typing, Instant occurredAt)
        implements PresenceSignal {

    @Override
    @JsonIgnore
    public String partitionKey() {
        return userId.toString();
    }
}
