package io.chatsuite.contracts.presence;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.time.Instant;
import java.util.UUID;

/** What gateways tell presence-service on {@code presence.signals}, keyed by {@link #userId()}. */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
        @JsonSubTypes.Type(value = TypingSignal.class, name = "typing")
})
@JsonIgnoreProperties(ignoreUnknown = true)
public sealed interface PresenceSignal permits TypingSignal {

    int VERSION = 1;

    UUID userId();

    Instant occurredAt();

    @JsonProperty("v")
    default int version() {
        return VERSION;
    }
}
