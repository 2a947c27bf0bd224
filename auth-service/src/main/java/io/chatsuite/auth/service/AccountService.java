package io.chatsuite.auth.service;

import io.chatsuite.auth.api.LoginRequest;
import io.chatsuite.auth.api.RegisterRequest;
import io.chatsuite.auth.api.TokenResponse;
import io.chatsuite.auth.config.AuthConfig;
import io.chatsuite.auth.mapping.UserMapper;
import io.chatsuite.auth.model.LoginSession;
import io.chatsuite.auth.model.RefreshToken;
import io.chatsuite.auth.model.UserAccount;
import io.chatsuite.auth.repository.LoginSessionRepository;
import io.chatsuite.auth.repository.RefreshTokenRepository;
import io.chatsuite.auth.repository.UniqueViolation;
import io.chatsuite.auth.repository.UserRepository;
import io.chatsuite.contracts.user.UserRegistered;
import io.chatsuite.problem.ProblemException;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

/** Registration, login, refresh-token rotation and logout: everything that starts or ends a session. */
@ApplicationScoped
public class AccountService {

    static final String REVOKED_BY_LOGOUT = "logout";
    static final String REVOKED_BY_REUSE = "refresh-token-reuse";

    private final UserRepository users;
    private final LoginSessionRepository sessions;
    private final RefreshTokenRepository refreshTokens;
    private final PasswordHasher hasher;
    private final CommonPasswords commonPasswords;
    private final AccessTokens accessTokens;
    private final Throttle throttle;
    private final UserEvents events;
    private final Clock clock;
    private final Duration sessionLifetime;
    private final LoginMetrics loginMetrics;
    private final SessionService sessionService;

    public AccountService(UserRepository users, LoginSessionRepository sessions, RefreshTokenRepository refreshTokens,
                          PasswordHasher hasher, CommonPasswords commonPasswords, AccessTokens accessTokens,
                          Throttle throttle, UserEvents events, Clock clock, AuthConfig config,
                          LoginMetrics loginMetrics, SessionService sessionService) {
        this.loginMetrics = loginMetrics;
        this.sessionService = sessionService;
        this.users = users;
        this.sessions = sessions;
        this.refreshTokens = refreshTokens;
        this.hasher = hasher;
        this.commonPasswords = commonPasswords;
        this.accessTokens = accessTokens;
        this.throttle = throttle;
        this.events = events;
        this.clock = clock;
        this.sessionLifetime = config.tokens().refreshLifetime();
    }

    /** A session just opened or renewed, with the one copy of its refresh token that is not hashed. */
    private record OpenSession(UserAccount user, UUID sessionId, String refreshToken) {
    }

    public Uni<TokenResponse> register(RegisterRequest request, ClientDevice device) {
        String displayName = DisplayNames.normalize(
                request.displayName() == null ? request.username() : request.displayName());
        commonPasswords.refuse("password", request.password());
        if (DeletedAccounts.isTombstone(request.username())) {
            throw ProblemException.invalidField("username", "is reserved for deleted accounts");
        }
        return throttle.countRegistration(device.address())
                .flatMap(counted -> Panache.withSession(() -> users.findByUsername(request.username())))
                .invoke(existing -> {
                    if (existing != null) {
                        throw usernameTaken();
                    }
                })
                .flatMap(free -> hasher.hash(request.password()))
                .flatMap(hash -> events.inTransaction(() -> createUser(request.username(), displayName, hash)
                        .flatMap(user -> openSession(user, device))))
                .onFailure(UniqueViolation::causedBy).transform(e -> usernameTaken())
                .map(this::tokens);
    }

    /** The same 401, in about the same time, for an unknown username and a wrong password. */
    public Uni<TokenResponse> login(LoginRequest request, ClientDevice device) {
        String clientAddress = device.address();
        return throttle.checkLogin(request.username(), clientAddress)
                .onFailure().invoke(throttled -> loginMetrics.refused("throttled"))
                .flatMap(allowed -> Panache.withSession(() -> users.findByUsername(request.username())))
                // A deleted account is answered like an unknown user, in the same time.
                .map(found -> found == null || found.isDeleted() ? null : found)
                .flatMap(user -> hasher.verify(request.password(), user == null ? null : user.passwordHash)
                        .flatMap(valid -> valid
                                ? Panache.withTransaction(() -> openSession(user, device))
                                : throttle.recordLoginFailure(request.username(), clientAddress)
                                        .invoke(recorded -> loginMetrics.refused("wrong_credentials"))
                                        .flatMap(recorded -> Uni.createFrom().failure(
                                                ProblemException.unauthorized("Wrong username or password.")))))
                .map(this::tokens);
    }

    /**
     * Exchanges a refresh token for a new pair. A token that was already exchanged means it leaked (or the client
     * raced itself): the whole session is revoked, and that revocation commits even though the answer is 401.
     */
    public Uni<TokenResponse> refresh(String refreshToken, ClientDevice device) {
        String hash = RefreshTokens.hash(refreshToken);
        Instant now = clock.instant();
        return events.inTransaction(() -> refreshTokens.findForUpdate(hash)
                        .flatMap(token -> token == null
                                ? Uni.createFrom().nullItem()
                                : sessions.findById(token.sessionId)
                                        .flatMap(session -> renew(token, session, device, now))))
                .map(renewed -> {
                    if (renewed == null) {
                        throw ProblemException.unauthorized("The refresh token is invalid, expired or revoked.");
                    }
                    return tokens(renewed);
                });
    }

    /** Revokes the caller's session; repeating it changes nothing. */
    public Uni<Void> logout(UUID userId, UUID sessionId) {
        return events.inTransaction(() -> sessions.findById(sessionId)
                .flatMap(session -> session == null || !session.userId.equals(userId)
                        ? Uni.createFrom().voidItem()
                        : sessionService.revoke(session, REVOKED_BY_LOGOUT, clock.instant())));
    }

    private Uni<OpenSession> renew(RefreshToken token, LoginSession session, ClientDevice device, Instant now) {
        if (token.usedAt != null) {
            return sessionService.revoke(session, REVOKED_BY_REUSE, now).replaceWith(Uni.createFrom().nullItem());
        }
        if (!session.isUsableAt(now)) {
            return Uni.createFrom().nullItem();
        }
        token.usedAt = now;
        session.expiresAt = now.plus(sessionLifetime);
        session.lastUsedAt = now;
        session.clientAddress = device.address();
        return users.findById(session.userId)
                .flatMap(user -> issueRefreshToken(session.id, now)
                        .map(newToken -> new OpenSession(user, session.id, newToken)));
    }

    private Uni<UserAccount> createUser(String username, String displayName, String passwordHash) {
        UserAccount user = new UserAccount();
        user.id = UUID.randomUUID();
        user.username = username;
        user.displayName = displayName;
        user.passwordHash = passwordHash;
        user.createdAt = clock.instant();
        user.updatedAt = user.createdAt;
        return users.persist(user)
                .call(created -> events.publish(
                        new UserRegistered(user.id, user.username, user.displayName, user.createdAt)));
    }

    private Uni<OpenSession> openSession(UserAccount user, ClientDevice device) {
        Instant now = clock.instant();
        LoginSession session = new LoginSession();
        session.id = UUID.randomUUID();
        session.userId = user.id;
        session.createdAt = now;
        session.lastUsedAt = now;
        session.userAgent = device.userAgent();
        session.clientAddress = device.address();
        session.expiresAt = now.plus(sessionLifetime);
        return sessions.persist(session)
                .flatMap(persisted -> issueRefreshToken(session.id, now))
                .map(refreshToken -> new OpenSession(user, session.id, refreshToken));
    }

    private Uni<String> issueRefreshToken(UUID sessionId, Instant now) {
        String value = RefreshTokens.newToken();
        RefreshToken token = new RefreshToken();
        token.tokenHash = RefreshTokens.hash(value);
        token.sessionId = sessionId;
        token.createdAt = now;
        return refreshTokens.persist(token).replaceWith(value);
    }

    private TokenResponse tokens(OpenSession session) {
        return new TokenResponse(accessTokens.issue(session.user(), session.sessionId()), session.refreshToken(),
                "Bearer", accessTokens.lifetime().toSeconds(), UserMapper.toView(session.user()));
    }

    private static ProblemException usernameTaken() {
        return ProblemException.conflict("username", "is already taken");
    }
}
