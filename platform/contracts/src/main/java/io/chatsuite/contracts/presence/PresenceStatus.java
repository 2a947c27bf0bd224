package io.chatsuite.contracts.presence;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** What others see of a user: any socket with recent input, every socket idle, or no socket at all. */
public enum PresenceStatus {
    ONLINE,
    AWAY,
    OFFLINE;

    @JsonValue
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
