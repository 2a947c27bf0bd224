package io.chatsuite.auth.model;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.time.Instant;
import java.util.UUID;

/** One direction of a friendship; every friendship has both. */
@Entity
@Table(name = "friendships")
@IdClass(Friendship.Key.class)
public class Friendship {

    @Id
    public UUID userId;
    @Id
    public UUID friendId;
    public Instant since;

    public Friendship() {
    }

    public Friendship(UUID userId, UUID friendId, Instant since) {
        this.userId = userId;
        this.friendId = friendId;
        this.since = since;
    }

    public record Key(UUID userId, UUID friendId) implements Serializable {
    }
}
