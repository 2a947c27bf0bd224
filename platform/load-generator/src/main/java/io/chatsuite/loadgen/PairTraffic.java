package io.chatsuite.loadgen;

import io.vertx.core.Future;
import io.vertx.core.http.WebSocket;
import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;

/**
 * Messages between the users of {@link Pairs}. Both users of a pair send, in turn, so each sends rate/(2 * pairs) a
 * second, under the gateway's per-user command limit.
 */
final class PairTraffic {

    private Pairs pairs;
    private final Latencies delivery = new Latencies();
    private final Latencies acks = new Latencies();
    private final LongAdder delivered = new LongAdder();
    private final LongAdder acked = new LongAdder();
    private final LongAdder refused = new LongAdder();
    private final LongAdder closed = new LongAdder();
    private final Map<String, LongAdder> errorCodes = new ConcurrentHashMap<>();
    private final AtomicLong serials = new AtomicLong();

    private PairTraffic() {
    }

    static PairTraffic open(BenchContext context, int pairs) throws IOException {
        PairTraffic traffic = new PairTraffic();
        traffic.pairs = Pairs.open(context, pairs, (index, gateway, user) -> traffic.connect(context, gateway, user));
        return traffic;
    }

    private Future<WebSocket> connect(BenchContext context, Gateway gateway, UserPool.BenchUser user) {
        String self = "\"actorId\":\"" + user.id() + "\"";
        return context.dialer().connect(gateway, user.accessToken()).map(socket -> {
            socket.textMessageHandler(frame -> {
                if (Frames.isAck(frame)) {
                    long stamp = Frames.commandStamp(frame);
                    if (stamp > 0) {
                        acks.recordSince(stamp);
                        acked.increment();
                    }
                } else if (Frames.isBenchMessage(frame)) {
                    if (!frame.contains(self)) {
                        delivery.recordSince(Frames.messageStamp(frame));
                        delivered.increment();
                    }
                } else if (Frames.isError(frame)) {
                    refused.increment();
                    errorCodes.computeIfAbsent(String.valueOf(Frames.field(frame, "code")), c -> new LongAdder())
                            .increment();
                }
            });
            socket.closeHandler(v -> closed.increment());
            return socket;
        });
    }

    /** The figures of one measured interval. */
    record Interval(double rate, long sent, long delivered, long acked, long refused, long closedSockets,
                    double seconds, org.HdrHistogram.Histogram delivery, org.HdrHistogram.Histogram acks,
                    Map<String, Long> errors) {

        double deliveredPerSecond() {
            return Math.round(10.0 * delivered / seconds) / 10.0;
        }
    }

    /**
     * Sends at {@code rate} for the duration, then waits (at most {@code drain}) for the deliveries and acks still
     * under way; answers what was recorded in between.
     */
    Interval measure(double rate, Duration duration, Duration drain) {
        delivery.interval();
        acks.interval();
        delivered.reset();
        acked.reset();
        refused.reset();
        errorCodes.clear();
        long begin = System.nanoTime();
        int senders = pairs.sockets().size();
        long sent = OpenLoop.run(rate, duration, (serial, intended) -> {
            int sender = (int) (serial % senders);
            pairs.sockets().get(sender).writeTextMessage(Frames.send(intended, serials.incrementAndGet(),
                    pairs.conversationOf(sender), "p"));
        });
        double seconds = (System.nanoTime() - begin) / 1e9;
        long drainUntil = System.nanoTime() + drain.toNanos();
        while ((delivered.sum() < sent || acked.sum() + refused.sum() < sent) && System.nanoTime() < drainUntil) {
            LockSupport.parkNanos(10_000_000);
        }
        Map<String, Long> errors = new java.util.TreeMap<>();
        errorCodes.forEach((code, count) -> errors.put(code, count.sum()));
        return new Interval(rate, sent, delivered.sum(), acked.sum(), refused.sum(), closed.sum(), seconds,
                delivery.interval(), acks.interval(), errors);
    }

    int users() {
        return pairs.sockets().size();
    }

    UserPool.Preparation preparation() {
        return pairs.preparation();
    }

    double setupSeconds() {
        return pairs.setupSeconds();
    }

    void close() {
        pairs.close();
    }
}
