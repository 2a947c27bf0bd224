package io.chatsuite.auth.model;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** An account: who a person is to the suite, and the hash of their password. */
@Entity
@Table(name = "users")
public class UserAccount {

    @Id
    public UUID id;
    /** As typed at registration; unique ignoring case. */
    public String username;
    public String displayName;
    /** A PHC string ({@code $argon2id$v=19$m=...}). */
    public String passwordHash;
    /** The profile picture, an upload held by chat-service; null for none. */
    public UUID avatarId;
    public Instant createdAt;
    public Instant updatedAt;
    /** When the account was deleted (anonymised, signed out, unable to sign in); null while it lives. */
    public Instant deletedAt;

    public boolean isDeleted() {
        return deletedAt != null;
    }
}
