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

    public static final int USER_AGENT_LENGTH = 256;
    public static final int ADDRESS_LENGTH = 64;

    @Id
    public UUID id;
    public UUID userId;
    public Instant createdAt;
    /** Slides forward on every refresh. */
    public Instant expiresAt;
    public Instant revokedAt;
    public String revokedReason;
    /** The User-Agent the session signed in with, cut to {@link #USER_AGENT_LENGTH}; null if none was sent. */
    public String userAgent;
    /** The client address of the sign-in or of the latest refresh. */
    public String clientAddress;
    /** The sign-in or the latest refresh: tokens are not looked up per request, so this is the last use we see. */
    public Instant lastUsedAt;

    public boolean isUsableAt(Instant now) {
        return revokedAt == null && now.isBefore(expiresAt);
    }
}
