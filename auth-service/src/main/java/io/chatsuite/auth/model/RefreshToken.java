package io.chatsuite.auth.model;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** A refresh token, known only by its hash; used once, then replaced. */
@Entity
@Table(name = "refresh_tokens")
public class RefreshToken {

    @Id
    public String tokenHash;
    public UUID sessionId;
    public Instant createdAt;
    public Instant usedAt;
}
