package io.chatsuite.gateway.delivery;

import io.chatsuite.contracts.protocol.MembersFrame;
import io.chatsuite.contracts.protocol.NodeAnswer;
import io.chatsuite.contracts.protocol.ServerFrame;
import io.chatsuite.contracts.protocol.SessionFrame;
import io.chatsuite.contracts.protocol.TracedFrame;
import io.chatsuite.gateway.config.GatewayNode;
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
import io.vertx.redis.client.ProtocolVersion;
import io.vertx.redis.client.RedisOptions;
import io.vertx.redis.client.ResponseType;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * One Redis channel {@code user:{id}} per user with sockets on this node, the {@link MembersFrame#CHANNEL} channel
 * of frames for many users that every node hears, and this node's own channel of answers to its commands
 * ({@link NodeAnswer}), all on one dedicated pub/sub connection.
 * When the connection drops it is reopened with backoff and every channel subscribed again; frames published
 * meanwhile are lost here and recovered by the clients' resume (Redis is the fast path, not the truth).
 *
 * <p>Which channels are wanted is not kept here: it is {@link LocalSessions}' users. Every (un)subscribe runs on one
 * context and asks LocalSessions, at that moment, whether the user still has a socket: a socket opening while the
 * user's last one closes (a page reload) asks after its own registration, so the last command Redis gets for a user
 * always matches the sockets the user has, whatever order the open and the close ran in.
 *
 * <p>A socket is announced only once Redis has its user's channel in effect: the client library completes a SUBSCRIBE
 * as soon as its bytes are written, and Redis's confirmation arrives later as a push matched to nothing, so
 * {@link #subscribe} waits for that push itself (Redis confirms a connection's SUBSCRIBEs one per channel, in the
 * order sent). Until then the socket reads no frames ({@code ChatSocket.attach}), so neither its first ack nor a
 * message published after it can pass it by.
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
    private final GatewayNode node;
    /** Every command and the connection's handlers run here, in the order they were asked for. */
    private final Context context;
    private final AtomicLong reconnects = new AtomicLong();
    /**
     * Per user, one entry for each SUBSCRIBE of their channel sent on the current connection and not yet confirmed,
     * in the order sent: what to run when its confirmation arrives (nothing for a resubscription). Users without an
     * outstanding SUBSCRIBE have no entry, so this stays as small as the subscribes in flight. Context only.
     */
    private final Map<UUID, ArrayDeque<Runnable>> unconfirmed = new HashMap<>();
    private volatile RedisConnection connection;
    private volatile boolean stopping;
    /** When the unanswered PING on the current connection was sent, or 0 when none is outstanding. */
    private volatile long pingSentAt;
    /** When anything last arrived on the current connection (a push or a PONG). */
    private volatile long lastHeard;
    /** When the heartbeat last ran: a late run means this event loop was stalled, not that Redis was silent. */
    private volatile long lastBeat;

    public UserChannelSubscriptions(Vertx vertx, LocalSessions sessions, MessageSpans spans, GatewayNode node,
                                    @ConfigProperty(name = "quarkus.redis.hosts") String redisUrl) {
        this.vertx = vertx;
        this.node = node;
        this.sessions = sessions;
        this.spans = spans;
        // RESP3 said, not negotiated: pub/sub messages and confirmations are pushes, never taken for replies.
        this.client = Redis.createClient(vertx, new RedisOptions().setConnectionString(redisUrl)
                .setPreferredProtocolVersion(ProtocolVersion.RESP3));
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
        context.runOnContext(ignored -> releaseUnconfirmed());
        RedisConnection open = connection;
        if (open != null) {
            open.close().subscribe().with(done -> { }, failure -> { });
        }
    }

    /**
     * Call once the user's socket is registered in {@link LocalSessions}: subscribes the user's channel; completes
     * when Redis has confirmed it, so every frame published on the channel from then on reaches the socket. While the
     * node has no connection it completes at once: the reconnect subscribes every user's channel, and commands are
     * answered {@code unavailable} meanwhile. A connection lost before the confirmation completes it too.
     */
    public Uni<Void> subscribe(UUID userId) {
        return follow(userId);
    }

    /** Subscribes or unsubscribes the user's channel, as the user's sockets on this node are when it runs. */
    private Uni<Void> follow(UUID userId) {
        return Uni.createFrom().<Void>emitter(done -> context.runOnContext(ignored -> {
            if (sessions.socketsOf(userId) == 0) {
                send(Command.UNSUBSCRIBE, List.of(userId)).subscribe().with(done::complete, done::fail);
            } else if (connection == null) {
                done.complete(null);
            } else {
                awaitConfirmation(userId, () -> done.complete(null));
                send(Command.SUBSCRIBE, List.of(userId)).subscribe().with(sent -> { }, done::fail);
            }
        }));
    }

    /** Registers what to run when Redis confirms the SUBSCRIBE of the user's channel about to be sent. Context only. */
    private void awaitConfirmation(UUID userId, Runnable confirmed) {
        unconfirmed.computeIfAbsent(userId, user -> new ArrayDeque<>(2)).add(confirmed);
    }

    /** A subscribe confirmation arrived for the user's channel: the oldest SUBSCRIBE of it is in effect. */
    private void confirmed(UUID userId) {
        ArrayDeque<Runnable> waiting = unconfirmed.get(userId);
        if (waiting == null) {
            return;
        }
        Runnable first = waiting.poll();
        if (waiting.isEmpty()) {
            unconfirmed.remove(userId);
        }
        first.run();
    }

    /** The connection is gone: nothing sent on it will be confirmed; the sockets waiting go on (a reconnect follows). */
    private void releaseUnconfirmed() {
        List<Runnable> waiting = unconfirmed.values().stream().flatMap(ArrayDeque::stream).toList();
        unconfirmed.clear();
        waiting.forEach(Runnable::run);
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
            opened.handler(push -> onPush(opened, push));
            opened.exceptionHandler(failure -> lost(opened, failure));
            opened.endHandler(() -> lost(opened, null));
            pingSentAt = 0;
            lastHeard = System.nanoTime();
            // Before any user's channel, so a confirmed user's channel means these are in effect too (Redis confirms
            // a connection's SUBSCRIBEs in the order sent).
            opened.send(Request.cmd(Command.SUBSCRIBE).arg(MembersFrame.CHANNEL).arg(node.answersChannel()))
                    .subscribe().with(done -> { }, failure -> lost(opened, failure));
            connection = opened;
            // The client may call back on another thread; commands and their bookkeeping go from the context.
            context.runOnContext(ignored -> resubscribeAll(opened));
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
        context.runOnContext(ignored -> releaseUnconfirmed());
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

    private void resubscribeAll(RedisConnection opened) {
        if (connection != opened) {
            return;
        }
        List<UUID> users = List.copyOf(sessions.users());
        // Their confirmations must not be taken for those of SUBSCRIBEs sent after them.
        users.forEach(user -> awaitConfirmation(user, () -> { }));
        for (int from = 0; from < users.size(); from += RESUBSCRIBE_CHUNK) {
            send(Command.SUBSCRIBE, users.subList(from, Math.min(users.size(), from + RESUBSCRIBE_CHUNK)))
                    .subscribe().with(done -> { }, failure -> { });
        }
    }

    private void onPush(RedisConnection from, Response push) {
        lastHeard = System.nanoTime();
        if (push.type() != ResponseType.PUSH) {
            // A PONG whose request the client dropped: it hands a push arriving while a PING waits to this handler
            // and forgets the PING. Still the answer to the heartbeat's PING.
            pingSentAt = 0;
            return;
        }
        // ["message", channel, payload] or ["subscribe", channel, count] (one per channel of a SUBSCRIBE, in order).
        if (push.size() != 3) {
            return;
        }
        String kind = push.get(0).toString();
        String channel = push.get(1).toString();
        // The node's own channels are confirmed before any user's: nothing waits for their confirmation.
        if (MembersFrame.CHANNEL.equals(channel)) {
            if ("message".equals(kind)) {
                deliverToMembers(push.get(2).toString());
            }
            return;
        }
        if (node.answersChannel().equals(channel)) {
            if ("message".equals(kind)) {
                deliverAnswers(push.get(2).toString());
            }
            return;
        }
        UUID userId = userOf(channel);
        if (userId == null) {
            return;
        }
        if ("subscribe".equals(kind)) {
            // Pushes arrive on the connection's own thread; the waiting list is the context's.
            context.runOnContext(ignored -> {
                if (from == connection) {
                    // A late confirmation from a connection given up on confirms nothing of its replacement.
                    confirmed(userId);
                }
            });
            return;
        }
        if (!"message".equals(kind)) {
            return;
        }
        // The envelope with the publisher's trace context never reaches the client: sockets get the frame alone.
        // An answer to a command is for the sockets of the session that sent it (SessionFrame), anything else for all.
        SessionFrame targeted = SessionFrame.read(push.get(2).toString());
        TracedFrame published = TracedFrame.read(targeted.published());
        spans.deliver(published.traceparent(), userId,
                user -> sessions.deliver(user, targeted.sessionId(), published.frame()));
    }

    /** A frame for many users, every node hearing it: written to the sockets this node holds of the users named. */
    private void deliverToMembers(String text) {
        MembersFrame targeted = MembersFrame.read(text);
        if (targeted == null) {
            LOG.warnf("dropped a frame on the %s channel that names no users", MembersFrame.CHANNEL);
            return;
        }
        TracedFrame published = TracedFrame.read(targeted.published());
        for (UUID userId : targeted.to()) {
            // Most of a large room's members are on other nodes: no span for them.
            if (sessions.socketsOf(userId) > 0) {
                spans.deliver(published.traceparent(), userId, user -> sessions.deliver(user, published.frame()));
            }
        }
    }

    /** The answers to this node's commands: each to the sockets of the session that sent the command. */
    private void deliverAnswers(String text) {
        for (NodeAnswer answer : NodeAnswer.read(text)) {
            TracedFrame published = TracedFrame.read(answer.published());
            spans.deliver(published.traceparent(), answer.userId(),
                    user -> sessions.deliver(user, answer.sessionId(), published.frame()));
        }
    }

    private static UUID userOf(String channel) {
        if (!channel.startsWith(PREFIX)) {
            return null;
        }
        try {
            return UUID.fromString(channel.substring(PREFIX.length()));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
