package io.chatsuite.auth.model;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.time.Instant;
import java.util.UUID;

/** A pending friend request from {@link #requesterId} to {@link #addresseeId}. */
@Entity
@Table(name = "friend_requests")
@IdClass(FriendRequest.Key.class)
public class FriendRequest {

    @Id
    public UUID requesterId;
    @Id
    public UUID addresseeId;
    public Instant createdAt;

    public FriendRequest() {
    }

    public FriendRequest(UUID requesterId, UUID addresseeId, Instant createdAt) {
        this.requesterId = requesterId;
        this.addresseeId = addresseeId;
        this.createdAt = createdAt;
    }

    public record Key(UUID requesterId, UUID addresseeId) implements Serializable {
    }
}
