package io.chatsuite.contracts.user;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.time.Instant;
import java.util.UUID;

/**
 * A change to an account, a friendship, a block or a session, published by auth-service on {@code user.events}
 * keyed by {@link #userId()}. Consumers ignore fields they do not know, so new fields are a compatible change;
 * anything else gets a new {@code type}.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
        @JsonSubTypes.Type(value = UserRegistered.class, name = "user.registered"),
        @JsonSubTypes.Type(value = ProfileUpdated.class, name = "user.profile-updated"),
        @JsonSubTypes.Type(value = FriendshipChanged.class, name = "user.friendship-changed"),
        @JsonSubTypes.Type(value = BlockChanged.class, name = "user.block-changed"),
        @JsonSubTypes.Type(value = SessionRevoked.class, name = "user.session-revoked"),
        @JsonSubTypes.Type(value = UserDeleted.class, name = "user.deleted")
})
@JsonIgnoreProperties(ignoreUnknown = true)
public sealed interface UserEvent
        permits UserRegistered, ProfileUpdated, FriendshipChanged, BlockChanged, SessionRevoked, UserDeleted {

    /** The payload's schema version. */
    int VERSION = 1;

    /** The user the event is about, and the record's Kafka key. */
    UUID userId();

    Instant occurredAt();

    @JsonProperty("v")
    default int version() {
        return VERSION;
    }
}
