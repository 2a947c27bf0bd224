package io.chatsuite.auth.model;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** One login on one device; the {@code sid} of its access tokens. */
@Entity
@Table(name = "sessions")
public class LoginSession {

    @Id
    public UUID id;
    public UUID userId;
    public Instant createdAt;
    /** Slides forward on every refresh. */
    public Instant expiresAt;
    public Instant revokedAt;
    public String revokedReason;

    public boolean isUsableAt(Instant now) {
        return revokedAt == null && now.isBefore(expiresAt);
    }
}
