package io.chatsuite.auth.model;

import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** One counted attempt (a failed login, a registration) by a subject (a username, a client address). */
@Entity
@Table(name = "throttle_hits")
public class ThrottleHit {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;
    public String bucket;
    public String subject;
    public Instant hitAt;
}
