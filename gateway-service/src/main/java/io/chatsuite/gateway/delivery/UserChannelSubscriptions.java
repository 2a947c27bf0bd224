package io.chatsuite.gateway.delivery;

import io.chatsuite.contracts.protocol.ServerFrame;
import io.chatsuite.contracts.protocol.SessionFrame;
import io.chatsuite.contracts.protocol.TracedFrame;
import io.chatsuite.gateway.session.LocalSessions;
import io.chatsuite.gateway.tracing.MessageSpans;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.impl.VertxInternal;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Redis;
import io.vertx.mutiny.redis.client.RedisConnection;
import io.vertx.mutiny.redis.client.Request;
import io.vertx.mutiny.redis.client.Response;
import io.vertx.redis.client.RedisOptions;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * One Redis channel {@code user:{id}} per user with sockets on this node, all on one dedicated pub/sub connection.
 * When the connection drops it is reopened with backoff and every channel subscribed again; frames published
 * meanwhile are lost here and recovered by the clients' resume (Redis is the fast path, not the truth).
 *
 * <p>Which channels are wanted is not kept here: it is {@link LocalSessions}' users. Every (un)subscribe runs on one
 * context and asks LocalSessions, at that moment, whether the user still has a socket: a socket opening while the
 * user's last one closes (a page reload) asks after its own registration, so the last command Redis gets for a user
 * always matches the sockets the user has, whatever order the open and the close ran in.
 *
 * <p>A connection is dead when it closes, and also when Redis stops answering on it: a hung or unreachable Redis
 * (a stopped process, a lost host or network) closes nothing, and a subscriber only ever listens, so without a
 * heartbeat the node would believe itself connected while every ack and event passes it by.
 */
@ApplicationScoped
public class UserChannelSubscriptions {

    private static final Logger LOG = Logger.getLogger(UserChannelSubscriptions.class);
    private static final String PREFIX = "user:";
    private static final int RESUBSCRIBE_CHUNK = 500;
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(5);
    /** A PING on the subscription connection this often; Redis answers it even in subscribed mode. */
    private static final Duration HEARTBEAT = Duration.ofSeconds(2);
    /**
     * A PING unanswered, and nothing else heard on the connection, this long (or a connection attempt unanswered this
     * long): Redis is not there, whatever TCP says. Pushes count as heard: under a flood the PONG queues behind them.
     * Generous on purpose: a false alarm costs a resubscription, the frames published meanwhile and {@code unavailable}
     * answers, and 3 s raised about one a minute on the benchmark's saturated two cores.
     */
    private static final Duration SILENCE_LIMIT = Duration.ofSeconds(10);

    private final Vertx vertx;
    private final Redis client;
    private final LocalSessions sessions;
    private final MessageSpans spans;
    /** Every command and the connection's handlers run here, in the order they were asked for. */
    private final Context context;
    private final AtomicLong reconnects = new AtomicLong();
    private volatile RedisConnection connection;
    private volatile boolean stopping;
    /** When the unanswered PING on the current connection was sent, or 0 when none is outstanding. */
    private volatile long pingSentAt;
    /** When anything last arrived on the current connection (a push or a PONG). */
    private volatile long lastHeard;
    /** When the heartbeat last ran: a late run means this event loop was stalled, not that Redis was silent. */
    private volatile long lastBeat;

    public UserChannelSubscriptions(Vertx vertx, LocalSessions sessions, MessageSpans spans,
                                    @ConfigProperty(name = "quarkus.redis.hosts") String redisUrl) {
        this.vertx = vertx;
        this.sessions = sessions;
        this.spans = spans;
        this.client = Redis.createClient(vertx, new RedisOptions().setConnectionString(redisUrl));
        this.context = ((VertxInternal) vertx.getDelegate()).createEventLoopContext();
        sessions.onLastSocketGone(user -> follow(user).subscribe().with(done -> { }, failure -> { }));
    }

    void start(@Observes StartupEvent startup) {
        context.runOnContext(ignored -> {
            connect(Duration.ofMillis(100));
            // Set from the context, the heartbeat runs on it too, in order with the commands.
            vertx.setPeriodic(HEARTBEAT.toMillis(), timer -> {
                if (stopping) {
                    vertx.cancelTimer(timer);
                } else {
                    heartbeat();
                }
            });
        });
    }

    void stop(@Observes ShutdownEvent shutdown) {
        stopping = true;
        RedisConnection open = connection;
        if (open != null) {
            open.close().subscribe().with(done -> { }, failure -> { });
        }
    }

    /**
     * Call once the user's socket is registered in {@link LocalSessions}: subscribes the user's channel; completes
     * when Redis confirmed it (or at once while reconnecting, which subscribes every user's channel).
     */
    public Uni<Void> subscribe(UUID userId) {
        return follow(userId);
    }

    /** Subscribes or unsubscribes the user's channel, as the user's sockets on this node are when it runs. */
    private Uni<Void> follow(UUID userId) {
        return Uni.createFrom().<Void>emitter(done -> context.runOnContext(ignored ->
                send(sessions.socketsOf(userId) > 0 ? Command.SUBSCRIBE : Command.UNSUBSCRIBE, List.of(userId))
                        .subscribe().with(done::complete, done::fail)));
    }

    public boolean isConnected() {
        return connection != null;
    }

    /** How often the subscription connection was reopened, for the operators' dashboards. */
    public long reconnects() {
        return reconnects.get();
    }

    private Uni<Void> send(Command command, List<UUID> users) {
        RedisConnection open = connection;
        if (open == null || users.isEmpty()) {
            // Not connected: the reconnect subscribes everything wanted.
            return Uni.createFrom().voidItem();
        }
        Request request = Request.cmd(command);
        users.forEach(user -> request.arg(ServerFrame.channelOf(user)));
        return open.send(request).replaceWithVoid()
                .onFailure().invoke(failure -> LOG.warnf("%s failed: %s", command, failure.getMessage()))
                .onFailure().recoverWithNull().replaceWithVoid();
    }

    private void connect(Duration backoff) {
        // A Redis that accepts TCP but never answers (stopped, hung) would leave the attempt pending for ever.
        AtomicBoolean settled = new AtomicBoolean();
        long deadline = vertx.setTimer(SILENCE_LIMIT.toMillis(), timer -> {
            if (settled.compareAndSet(false, true)) {
                LOG.warnf("Redis did not answer a connection for user channels within %d ms; retrying in %d ms",
                        SILENCE_LIMIT.toMillis(), backoff.toMillis());
                retry(backoff);
            }
        });
        client.connect().subscribe().with(opened -> {
            vertx.cancelTimer(deadline);
            if (!settled.compareAndSet(false, true) || stopping) {
                // Given up on already: a later attempt is under way.
                opened.close().subscribe().with(done -> { }, ignored -> { });
                return;
            }
            opened.handler(this::onPush);
            opened.exceptionHandler(failure -> lost(opened, failure));
            opened.endHandler(() -> lost(opened, null));
            pingSentAt = 0;
            lastHeard = System.nanoTime();
            connection = opened;
            resubscribeAll();
        }, failure -> {
            vertx.cancelTimer(deadline);
            if (!settled.compareAndSet(false, true)) {
                return;
            }
            LOG.warnf("cannot reach Redis for user channels (%s); retrying in %d ms", failure.getMessage(),
                    backoff.toMillis());
            retry(backoff);
        });
    }

    /** Declares the connection lost when its last PING went unanswered too long; sends the next one otherwise. */
    private void heartbeat() {
        RedisConnection open = connection;
        if (open == null) {
            return;
        }
        long sentAt = pingSentAt;
        long now = System.nanoTime();
        boolean stalledHere = lastBeat != 0 && now - lastBeat > HEARTBEAT.multipliedBy(2).toNanos();
        lastBeat = now;
        if (stalledHere) {
            // What arrived during the stall has not been read yet: judge at the next beat.
            return;
        }
        if (sentAt != 0) {
            if (now - sentAt > SILENCE_LIMIT.toNanos() && now - lastHeard > SILENCE_LIMIT.toNanos()) {
                lost(open, new IllegalStateException("no answer to PING within " + SILENCE_LIMIT.toMillis()
                        + " ms"));
            }
            return;
        }
        pingSentAt = now;
        open.send(Request.cmd(Command.PING)).subscribe().with(pong -> {
            if (connection == open) {
                pingSentAt = 0;
                lastHeard = System.nanoTime();
            }
        }, failure -> lost(open, failure));
    }

    private void lost(RedisConnection which, Throwable failure) {
        if (connection != which) {
            return;
        }
        connection = null;
        // A connection that failed but is still open would go on delivering beside its replacement.
        which.close().subscribe().with(done -> { }, ignored -> { });
        if (stopping) {
            return;
        }
        reconnects.incrementAndGet();
        LOG.warnf("lost the Redis subscription connection (%s); reconnecting",
                failure == null ? "closed" : failure.getMessage());
        retry(Duration.ofMillis(100));
    }

    private void retry(Duration backoff) {
        if (stopping) {
            return;
        }
        Duration next = backoff.multipliedBy(2).compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : backoff.multipliedBy(2);
        vertx.setTimer(backoff.toMillis(), timer -> connect(next));
    }

    private void resubscribeAll() {
        List<UUID> users = List.copyOf(sessions.users());
        for (int from = 0; from < users.size(); from += RESUBSCRIBE_CHUNK) {
            send(Command.SUBSCRIBE, users.subList(from, Math.min(users.size(), from + RESUBSCRIBE_CHUNK)))
                    .subscribe().with(done -> { }, failure -> { });
        }
    }

    private void onPush(Response push) {
        lastHeard = System.nanoTime();
        // ["message", channel, payload]; subscribe confirmations arrive as replies to their requests.
        if (push.size() != 3 || !"message".equals(push.get(0).toString())) {
            return;
        }
        String channel = push.get(1).toString();
        if (!channel.startsWith(PREFIX)) {
            return;
        }
        UUID userId;
        try {
            userId = UUID.fromString(channel.substring(PREFIX.length()));
        } catch (IllegalArgumentException e) {
            return;
        }
        // The envelope with the publisher's trace context never reaches the client: sockets get the frame alone.
        // An answer to a command is for the sockets of the session that sent it (SessionFrame), anything else for all.
        SessionFrame targeted = SessionFrame.read(push.get(2).toString());
        TracedFrame published = TracedFrame.read(targeted.published());
        spans.deliver(published.traceparent(), userId,
                user -> sessions.deliver(user, targeted.sessionId(), published.frame()));
    }
}
