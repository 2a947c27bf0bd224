package io.chatsuite.auth.model;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.time.Instant;
import java.util.UUID;

/** {@link #blockerId} blocked {@link #blockedId}: no friendship or request between them. */
@Entity
@Table(name = "blocks")
@IdClass(Block.Key.class)
public class Block {

    @Id
    public UUID blockerId;
    @Id
    public UUID blockedId;
    public Instant createdAt;

    public Block() {
    }

    public Block(UUID blockerId, UUID blockedId, Instant createdAt) {
        this.blockerId = blockerId;
        this.blockedId = blockedId;
        this.createdAt = createdAt;
    }

    public record Key(UUID blockerId, UUID blockedId) implements Serializable {
    }
}
