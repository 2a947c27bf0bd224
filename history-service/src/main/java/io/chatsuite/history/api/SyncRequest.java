package io.chatsuite.history.api;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;
import java.util.Map;
import java.util.UUID;

/** The client's last seq per conversation it knows; conversations it does not list count as seq 0. */
public record SyncRequest(@Size(max = 2000) Map<UUID, @NotNull @PositiveOrZero Long> conversations) {

    public SyncRequest {
        conversations = conversations == null ? Map.of() : conversations;
    }
}
