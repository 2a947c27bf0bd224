package io.chatsuite.loadgen;

import io.vertx.core.Future;
import io.vertx.core.http.WebSocket;
import java.io.IOException;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.Histogram;

/**
 * What a team does all day, between the users of {@link Pairs}: messages, thread replies under one root message per
 * conversation, reactions on that root (each sender adds its thumbs-up and takes it back in turn, so every reaction
 * changes something and is an event), and read cursors moved to the last seq the reader saw. Each sender goes
 * through {@link #CYCLE} in turn, starting at its own place in it, so every round mixes every kind.
 *
 * <p>Latency is counted from each command's intended time: acks by kind (the kind is in the command id), deliveries
 * of messages and thread replies by the stamp in their body, and deliveries of reactions by the order of each
 * reactor's own reactions (one conversation is one partition and one seq order, so they arrive in the order sent).
 */
final class MixedTraffic {

    enum Kind {
        MESSAGE, THREAD_REPLY, REACTION, READ;

        String label() {
            return name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ');
        }
    }

    /** Half messages, a fifth thread replies, a fifth reactions, a tenth reads. */
    static final List<Kind> CYCLE = List.of(Kind.MESSAGE, Kind.MESSAGE, Kind.THREAD_REPLY, Kind.MESSAGE,
            Kind.REACTION, Kind.MESSAGE, Kind.READ, Kind.MESSAGE, Kind.THREAD_REPLY, Kind.REACTION);

    private final Map<Kind, Latencies> acks = new EnumMap<>(Kind.class);
    private final Map<Kind, LongAdder> sent = new EnumMap<>(Kind.class);
    private final Map<Kind, LongAdder> acked = new EnumMap<>(Kind.class);
    private final Map<Kind, LongAdder> refused = new EnumMap<>(Kind.class);
    private final Latencies messageDelivery = new Latencies();
    private final Latencies threadDelivery = new Latencies();
    private final Latencies reactionDelivery = new Latencies();
    private final LongAdder messagesDelivered = new LongAdder();
    private final LongAdder threadRepliesDelivered = new LongAdder();
    private final LongAdder reactionsDelivered = new LongAdder();
    private final LongAdder receiptsDelivered = new LongAdder();
    private final Map<String, LongAdder> errorCodes = new ConcurrentHashMap<>();
    /** Each reactor's reactions not yet seen by the other member, by intended time, oldest first. */
    private final Map<String, Queue<Long>> reactionsUnderWay = new ConcurrentHashMap<>();
    private final Map<String, CompletableFuture<String>> roots = new ConcurrentHashMap<>();
    private final Map<Integer, String> userIndex = new ConcurrentHashMap<>();
    private Pairs pairs;
    private AtomicLongArray lastSeqSeen;
    private boolean[] reacted;
    private String[] rootOf;
    private long serials;

    private MixedTraffic() {
        for (Kind kind : Kind.values()) {
            acks.put(kind, new Latencies());
            sent.put(kind, new LongAdder());
            acked.put(kind, new LongAdder());
            refused.put(kind, new LongAdder());
        }
    }

    static MixedTraffic open(BenchContext context, int pairCount) throws IOException {
        MixedTraffic traffic = new MixedTraffic();
        traffic.lastSeqSeen = new AtomicLongArray(2 * pairCount);
        traffic.pairs = Pairs.open(context, pairCount,
                (index, gateway, user) -> traffic.connect(context.dialer(), index, gateway, user));
        traffic.reacted = new boolean[2 * pairCount];
        traffic.rootOf = traffic.postRoots();
        return traffic;
    }

    /** Each pair's first user posts the message the pair's threads and reactions hang on. */
    private String[] postRoots() throws IOException {
        List<String> conversations = pairs.conversations();
        String[] ids = new String[conversations.size()];
        for (int i = 0; i < ids.length; i++) {
            String commandId = "root-" + i + "-" + System.nanoTime();
            CompletableFuture<String> acknowledged = new CompletableFuture<>();
            roots.put(commandId, acknowledged);
            pairs.sockets().get(2 * i).writeTextMessage("{\"type\":\"send\",\"id\":\"" + commandId
                    + "\",\"conversationId\":\"" + conversations.get(i) + "\",\"body\":\"what we talk about\"}");
            try {
                ids[i] = acknowledged.get(60, TimeUnit.SECONDS);
            } catch (Exception e) {
                throw new IOException("the root message of conversation " + conversations.get(i)
                        + " was not acknowledged", e);
            }
        }
        return ids;
    }

    private Future<WebSocket> connect(SocketDialer dialer, int index, Gateway gateway, UserPool.BenchUser user) {
        userIndex.put(index, user.id());
        String self = "\"actorId\":\"" + user.id() + "\"";
        String selfReader = "\"userId\":\"" + user.id() + "\"";
        return dialer.connect(gateway, user.accessToken()).map(socket -> {
            socket.textMessageHandler(frame -> onFrame(index, self, selfReader, frame));
            return socket;
        });
    }

    private void onFrame(int user, String self, String selfReader, String frame) {
        if (Frames.isAck(frame)) {
            String id = Frames.field(frame, "id");
            if (id != null && id.startsWith("root-")) {
                CompletableFuture<String> root = roots.remove(id);
                if (root != null) {
                    root.complete(Frames.field(frame, "messageId"));
                }
                return;
            }
            long stamp = Frames.commandStamp(frame);
            if (stamp > 0) {
                Kind kind = kindOf(id);
                acks.get(kind).recordSince(stamp);
                acked.get(kind).increment();
            }
        } else if (Frames.isEvent(frame)) {
            lastSeqSeen.accumulateAndGet(user, Frames.number(frame, "seq"), Math::max);
            if (frame.contains(self)) {
                return;
            }
            if (Frames.isBenchMessage(frame)) {
                boolean threadReply = "t".equals(Frames.messageTag(frame));
                (threadReply ? threadDelivery : messageDelivery).recordSince(Frames.messageStamp(frame));
                (threadReply ? threadRepliesDelivered : messagesDelivered).increment();
            } else if (Frames.isReaction(frame)) {
                Long stamp = queueOf(Frames.field(frame, "actorId")).poll();
                if (stamp != null) {
                    reactionDelivery.recordSince(stamp);
                    reactionsDelivered.increment();
                }
            }
        } else if (Frames.isReceipt(frame)) {
            if (!frame.contains(selfReader)) {
                receiptsDelivered.increment();
            }
        } else if (Frames.isError(frame)) {
            String id = Frames.field(frame, "id");
            Kind kind = kindOf(id);
            refused.get(kind).increment();
            errorCodes.computeIfAbsent(String.valueOf(Frames.field(frame, "code")), c -> new LongAdder()).increment();
            if (kind == Kind.REACTION) {
                // Refused: it will never be seen, and the sender's thumbs-up stays as it was.
                int sender = Integer.parseInt(id.substring(id.lastIndexOf("-r") + 2));
                queueOf(userIndex.get(sender)).remove(Frames.commandStamp(frame));
                synchronized (reacted) {
                    reacted[sender] = !reacted[sender];
                }
            }
        }
    }

    private Queue<Long> queueOf(String userId) {
        return reactionsUnderWay.computeIfAbsent(userId, id -> new ConcurrentLinkedQueue<>());
    }

    /** The kind a command id names by its last part: "r&lt;sender&gt;", "c" or "t"; a plain message has none. */
    private static Kind kindOf(String id) {
        int last = id == null ? -1 : id.lastIndexOf('-');
        char mark = last < 0 || last + 1 == id.length() ? ' ' : id.charAt(last + 1);
        return switch (mark) {
            case 'r' -> Kind.REACTION;
            case 'c' -> Kind.READ;
            case 't' -> Kind.THREAD_REPLY;
            default -> Kind.MESSAGE;
        };
    }

    /** The figures of one measured interval. */
    record Interval(long sentTotal, double seconds, Map<Kind, Long> sent, Map<Kind, Long> acked,
                    Map<Kind, Long> refused, Map<Kind, Histogram> acks, Histogram messageDelivery,
                    Histogram threadDelivery, Histogram reactionDelivery, long messagesDelivered,
                    long threadRepliesDelivered, long reactionsDelivered, long receiptsDelivered,
                    Map<String, Long> errors) {

        /** Messages and thread replies delivered to the other member, a second. */
        double deliveredPerSecond() {
            return Math.round(10.0 * (messagesDelivered + threadRepliesDelivered) / seconds) / 10.0;
        }
    }

    /** Sends the mix at {@code rate} for the duration, then waits (at most {@code drain}) for what is under way. */
    Interval measure(double rate, Duration duration, Duration drain) {
        acks.values().forEach(Latencies::interval);
        messageDelivery.interval();
        threadDelivery.interval();
        reactionDelivery.interval();
        List.of(messagesDelivered, threadRepliesDelivered, reactionsDelivered, receiptsDelivered)
                .forEach(LongAdder::reset);
        for (Kind kind : Kind.values()) {
            sent.get(kind).reset();
            acked.get(kind).reset();
            refused.get(kind).reset();
        }
        errorCodes.clear();
        long begin = System.nanoTime();
        int senders = pairs.sockets().size();
        long total = OpenLoop.run(rate, duration, (serial, intended) -> {
            int sender = (int) (serial % senders);
            Kind kind = CYCLE.get((int) ((serial / senders + sender) % CYCLE.size()));
            sent.get(kind).increment();
            pairs.sockets().get(sender).writeTextMessage(frame(kind, sender, intended));
        });
        double seconds = (System.nanoTime() - begin) / 1e9;
        long drainUntil = System.nanoTime() + drain.toNanos();
        while (!settled() && System.nanoTime() < drainUntil) {
            LockSupport.parkNanos(10_000_000);
        }
        Map<String, Long> errors = new java.util.TreeMap<>();
        errorCodes.forEach((code, count) -> errors.put(code, count.sum()));
        Map<Kind, Histogram> ackHistograms = new EnumMap<>(Kind.class);
        acks.forEach((kind, latencies) -> ackHistograms.put(kind, latencies.interval()));
        return new Interval(total, seconds, sums(sent), sums(acked), sums(refused), ackHistograms,
                messageDelivery.interval(), threadDelivery.interval(), reactionDelivery.interval(),
                messagesDelivered.sum(), threadRepliesDelivered.sum(), reactionsDelivered.sum(),
                receiptsDelivered.sum(), errors);
    }

    private String frame(Kind kind, int sender, long intended) {
        long serial = ++serials;
        String conversation = pairs.conversationOf(sender);
        String root = rootOf[sender / 2];
        return switch (kind) {
            case MESSAGE -> Frames.send(intended, serial, conversation, "m");
            case THREAD_REPLY -> Frames.threadReply(intended, serial, conversation, root);
            case READ -> Frames.read(intended, serial, conversation, Math.max(1, lastSeqSeen.get(sender)));
            case REACTION -> {
                boolean remove;
                synchronized (reacted) {
                    remove = reacted[sender];
                    reacted[sender] = !remove;
                }
                queueOf(userIndex.get(sender)).add(intended);
                yield Frames.react(intended, serial, sender, conversation, root, remove);
            }
        };
    }

    /** Every command answered, and every message, reply and reaction not refused seen by the other member. */
    private boolean settled() {
        long answered = 0;
        long total = 0;
        for (Kind kind : Kind.values()) {
            answered += acked.get(kind).sum() + refused.get(kind).sum();
            total += sent.get(kind).sum();
        }
        return answered >= total
                && messagesDelivered.sum() >= sent.get(Kind.MESSAGE).sum() - refused.get(Kind.MESSAGE).sum()
                && threadRepliesDelivered.sum()
                        >= sent.get(Kind.THREAD_REPLY).sum() - refused.get(Kind.THREAD_REPLY).sum()
                && reactionsDelivered.sum() >= sent.get(Kind.REACTION).sum() - refused.get(Kind.REACTION).sum();
    }

    private static Map<Kind, Long> sums(Map<Kind, LongAdder> counters) {
        Map<Kind, Long> sums = new EnumMap<>(Kind.class);
        counters.forEach((kind, counter) -> sums.put(kind, counter.sum()));
        return sums;
    }

    int users() {
        return pairs.sockets().size();
    }

    Pairs pairs() {
        return pairs;
    }

    void close() {
        pairs.close();
    }
}
