package io.chatsuite.presence.repository;

import io.chatsuite.contracts.presence.NodeSnapshot;
import io.chatsuite.contracts.presence.PresenceStatus;
import io.chatsuite.presence.api.UserPresence;
import io.chatsuite.presence.service.PresenceChange;
import io.chatsuite.presence.service.TypingChange;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.redis.client.Response;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/** Presence state in Redis: sockets per user and node, node deadlines, what others were told, typing. */
@ApplicationScoped
public class PresenceStore {

    /** How many due entries one sweep settles; the next sweep takes the rest. */
    private static final int SWEEP_LIMIT = 500;

    private final ReactiveRedisDataSource redis;
    /** Each script's SHA-1, the name EVALSHA knows it by. */
    private final Map<String, String> shas = new ConcurrentHashMap<>();

    public PresenceStore(ReactiveRedisDataSource redis) {
        this.redis = redis;
    }

    public Uni<List<PresenceChange>> socketOpened(UUID node, String socket, UUID user, Instant at, Duration window) {
        return changes(eval(PresenceScripts.SOCKET_OPENED, node.toString(), socket, user.toString(), millis(at),
                Long.toString(window.toMillis())));
    }

    public Uni<List<PresenceChange>> socketClosed(UUID node, String socket, UUID user, Instant at, Duration grace) {
        return changes(eval(PresenceScripts.SOCKET_CLOSED, node.toString(), socket, user.toString(), millis(at),
                Long.toString(grace.toMillis())));
    }

    public Uni<List<PresenceChange>> idleChanged(UUID node, String socket, UUID user, boolean idle, Instant at) {
        return changes(eval(PresenceScripts.IDLE_CHANGED, node.toString(), socket, user.toString(), flag(idle),
                millis(at)));
    }

    /** The node is alive until the deadline (unless a later heartbeat moves it further). */
    public Uni<Void> heartbeat(UUID node, Instant deadline) {
        return eval(PresenceScripts.HEARTBEAT, node.toString(), millis(deadline)).replaceWithVoid();
    }

    public Uni<List<PresenceChange>> snapshot(NodeSnapshot snapshot, Duration grace, Duration window) {
        List<String> args = new ArrayList<>(List.of(snapshot.nodeId().toString(), snapshot.snapshotId().toString(),
                Integer.toString(snapshot.part()), Integer.toString(snapshot.parts()), millis(snapshot.occurredAt()),
                Long.toString(grace.toMillis()), Long.toString(window.toMillis())));
        for (NodeSnapshot.Socket socket : snapshot.sockets()) {
            args.add(socket.socketId());
            args.add(socket.userId().toString());
            args.add(flag(socket.idle()));
        }
        return changes(eval(PresenceScripts.SNAPSHOT, args.toArray(String[]::new)));
    }

    /** A node that stopped cleanly: its users go offline after the grace unless they reconnect elsewhere. */
    public Uni<List<PresenceChange>> nodeStopped(UUID node, Instant at, Duration grace) {
        return changes(eval(PresenceScripts.DROP_NODE, node.toString(), millis(at), Long.toString(grace.toMillis()),
                ""));
    }

    /** The nodes whose deadline has passed. */
    public Uni<List<String>> nodesDeadBy(Instant now) {
        return redis.execute("ZRANGEBYSCORE", "presence:nodes", "-inf", millis(now), "LIMIT", "0",
                Integer.toString(SWEEP_LIMIT)).map(PresenceStore::strings);
    }

    /** Drops a dead node's sockets at once (no grace: its clients have had the whole timeout to reconnect). */
    public Uni<List<PresenceChange>> dropDeadNode(String node, Instant now) {
        return changes(eval(PresenceScripts.DROP_NODE, node, millis(now), "0", millis(now)));
    }

    public Uni<List<PresenceChange>> leavingDue(Instant now) {
        return changes(eval(PresenceScripts.LEAVING_DUE, millis(now), Integer.toString(SWEEP_LIMIT)));
    }

    public Uni<List<TypingChange>> typing(UUID conversation, UUID user, boolean typing, Instant now, Duration expiry,
                                          Duration throttle) {
        return typingChanges(eval(PresenceScripts.TYPING, conversation.toString(), user.toString(), flag(typing),
                millis(now), Long.toString(expiry.toMillis()), Long.toString(throttle.toMillis())));
    }

    public Uni<List<TypingChange>> typingExpired(Instant now) {
        return typingChanges(eval(PresenceScripts.TYPING_EXPIRED, millis(now), Integer.toString(SWEEP_LIMIT)));
    }

    /** The presence of each listed user the caller may see, in the order asked; the others are left out. */
    public Uni<List<UserPresence>> visibleTo(UUID caller, List<UUID> users) {
        List<String> args = new ArrayList<>(List.of(caller.toString()));
        users.forEach(user -> args.add(user.toString()));
        return eval(PresenceScripts.VISIBLE, args.toArray(String[]::new)).map(response -> {
            List<UserPresence> out = new ArrayList<>();
            for (Response row : response) {
                out.add(new UserPresence(UUID.fromString(row.get(0).toString()), status(row.get(1).toString()),
                        instant(row.get(2).toString())));
            }
            return out;
        });
    }

    /** Everyone who may see the user (friends, people sharing a conversation, no block between), not the user. */
    public Uni<List<UUID>> audienceOf(UUID user) {
        return eval(PresenceScripts.AUDIENCE, user.toString()).map(PresenceStore::uuids);
    }

    /**
     * Runs a script by its SHA-1 ({@code EVALSHA}), so Redis neither receives nor compiles its text per call; when
     * Redis does not hold it (the first call, or after a restart or {@code SCRIPT FLUSH}), {@code EVAL} sends the text
     * once, which also puts it in Redis' script cache for the next calls.
     */
    Uni<Response> eval(String script, String... args) {
        String[] command = new String[args.length + 2];
        command[0] = shas.computeIfAbsent(script, PresenceStore::sha1);
        command[1] = "0";
        System.arraycopy(args, 0, command, 2, args.length);
        return redis.execute("EVALSHA", command).onFailure(PresenceStore::isNoScript).recoverWithUni(() -> {
            String[] withText = command.clone();
            withText[0] = script;
            return redis.execute("EVAL", withText);
        });
    }

    /** Redis' answer to EVALSHA for a script it does not hold: "NOSCRIPT No matching script...". */
    private static boolean isNoScript(Throwable failure) {
        return failure.getMessage() != null && failure.getMessage().startsWith("NOSCRIPT");
    }

    private static String sha1(String script) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1")
                    .digest(script.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-1", e);
        }
    }

    private static Uni<List<PresenceChange>> changes(Uni<Response> reply) {
        return reply.map(response -> {
            List<PresenceChange> out = new ArrayList<>();
            for (Response row : response) {
                out.add(new PresenceChange(UUID.fromString(row.get(0).toString()), status(row.get(1).toString()),
                        instant(row.get(2).toString()), uuids(row.get(3))));
            }
            return out;
        });
    }

    private static Uni<List<TypingChange>> typingChanges(Uni<Response> reply) {
        return reply.map(response -> {
            List<TypingChange> out = new ArrayList<>();
            for (Response row : response) {
                out.add(new TypingChange(UUID.fromString(row.get(0).toString()), UUID.fromString(row.get(1).toString()),
                        "1".equals(row.get(2).toString()), uuids(row.get(3))));
            }
            return out;
        });
    }

    private static List<UUID> uuids(Response list) {
        List<UUID> out = new ArrayList<>();
        if (list != null) {
            list.forEach(item -> out.add(UUID.fromString(item.toString())));
        }
        return out;
    }

    private static List<String> strings(Response list) {
        List<String> out = new ArrayList<>();
        if (list != null) {
            list.forEach(item -> out.add(item.toString()));
        }
        return out;
    }

    private static PresenceStatus status(String wire) {
        return PresenceStatus.valueOf(wire.toUpperCase(Locale.ROOT));
    }

    private static Instant instant(String millis) {
        return millis == null || millis.isEmpty() ? null : Instant.ofEpochMilli(Long.parseLong(millis));
    }

    private static String millis(Instant at) {
        return Long.toString(at.toEpochMilli());
    }

    private static String flag(boolean value) {
        return value ? "1" : "0";
    }
}
