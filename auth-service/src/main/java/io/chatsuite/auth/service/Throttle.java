package io.chatsuite.auth.service;

import io.chatsuite.auth.config.AuthConfig;
import io.chatsuite.auth.model.ThrottleHit;
import io.chatsuite.auth.repository.ThrottleHitRepository;
import io.chatsuite.problem.ProblemException;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;

/**
 * Counts attempts in PostgreSQL, so that the limits hold across replicas: at most {@code limit} hits per subject
 * within a sliding window, after which the caller gets 429 with the time until the oldest counted hit expires.
 *
 * <p>Failed logins are counted per client address and per username. An address over its limit is refused whatever
 * it tries. A username over its limit (guessed at from many addresses) is refused only to addresses that have failed
 * within the window: an address with no recent failures may still try, so nobody can lock an owner out by failing on
 * purpose, while a spread-out guesser gets one guess per fresh address and then joins the refused.
 */
@ApplicationScoped
public class Throttle {

    /** A kind of attempt, counted per subject, with its limit. */
    record Rule(String bucket, int limit, Duration window) {
    }

    private final ThrottleHitRepository hits;
    private final Clock clock;
    private final Rule loginsPerUsername;
    private final Rule loginsPerAddress;
    private final Rule registrationsPerAddress;

    public Throttle(ThrottleHitRepository hits, Clock clock, AuthConfig config) {
        this.hits = hits;
        this.clock = clock;
        AuthConfig.Throttle limits = config.throttle();
        this.loginsPerUsername = new Rule("login-username", limits.loginFailures(), limits.loginWindow());
        this.loginsPerAddress = new Rule("login-address", limits.loginFailures(), limits.loginWindow());
        this.registrationsPerAddress = new Rule("registration-address", limits.registrations(),
                limits.registrationWindow());
    }

    /** How long hits must be kept: the longest window. */
    public Duration retention() {
        return loginsPerAddress.window().compareTo(registrationsPerAddress.window()) > 0
                ? loginsPerAddress.window() : registrationsPerAddress.window();
    }

    /**
     * Fails with 429 if the address has had too many failed logins, or if the username has and this address has
     * failed recently too.
     */
    @WithSession
    public Uni<Void> checkLogin(String username, String address) {
        Instant now = clock.instant();
        return check(loginsPerAddress, address)
                .flatMap(ignored -> hits.nthLatestHit(loginsPerAddress.bucket(), address,
                        now.minus(loginsPerAddress.window()), 1))
                .flatMap(lastFailure -> lastFailure == null
                        ? Uni.createFrom().voidItem()
                        : check(loginsPerUsername, usernameKey(username)));
    }

    @WithTransaction
    public Uni<Void> recordLoginFailure(String username, String address) {
        return record(loginsPerUsername, usernameKey(username))
                .flatMap(ignored -> record(loginsPerAddress, address));
    }

    /** Counts a registration attempt from the address, or fails with 429 if it has made too many. */
    @WithTransaction
    public Uni<Void> countRegistration(String address) {
        return check(registrationsPerAddress, address)
                .flatMap(ignored -> record(registrationsPerAddress, address));
    }

    private Uni<Void> check(Rule rule, String subject) {
        Instant now = clock.instant();
        return hits.nthLatestHit(rule.bucket(), subject, now.minus(rule.window()), rule.limit())
                .invoke(blocking -> {
                    if (blocking != null) {
                        throw ProblemException.tooManyRequests("Too many attempts; try again later.",
                                Duration.between(now, blocking.plus(rule.window())));
                    }
                })
                .replaceWithVoid();
    }

    private Uni<Void> record(Rule rule, String subject) {
        ThrottleHit hit = new ThrottleHit();
        hit.bucket = rule.bucket();
        hit.subject = subject;
        hit.hitAt = clock.instant();
        return hits.persist(hit).replaceWithVoid();
    }

    private static String usernameKey(String username) {
        return username.toLowerCase(Locale.ROOT);
    }
}
