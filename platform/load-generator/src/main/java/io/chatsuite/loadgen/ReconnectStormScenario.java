package io.chatsuite.loadgen;

import com.fasterxml.jackson.databind.JsonNode;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.WebSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.Histogram;

/**
 * Drops every device socket at once, lets one message per conversation happen while they are away, then has all of
 * them reconnect at the same instant; each device is back when its socket is open again and resynced when the
 * history sync (POST /api/history/sync, which brings a few new events along, or else the events pages) has given it
 * the missed message.
 */
final class ReconnectStormScenario implements Scenario {

    private static final Duration PATIENCE = Duration.ofSeconds(120);

    private record Device(int index, UserPool.BenchUser user, String conversation, Gateway gateway) {
    }

    @Override
    public void run(BenchContext context, Report report) throws Exception {
        BenchOptions options = context.options();
        int connections = options.integer("connections", 5000);
        int userCount = Math.max(2, Math.min(connections, options.integer("users", 1000)) / 2 * 2);
        long begin = System.nanoTime();
        List<UserPool.BenchUser> users = context.users().signIn(userCount);
        UserPool.Preparation preparation = context.users().lastPreparation();
        int pairs = userCount / 2;
        List<String> conversations = Bulk.run(pairs, 16,
                j -> context.http().direct(users.get(2 * j).accessToken(), users.get(2 * j + 1).id()));
        List<Gateway> gateways = context.gateways();
        List<Device> devices = new ArrayList<>();
        for (int i = 0; i < connections; i++) {
            UserPool.BenchUser user = users.get(i % userCount);
            devices.add(new Device(i, user, conversations.get((i % userCount) / 2), gateways.get(i % gateways.size())));
        }
        // One writer per conversation stays connected through the storm and posts what the others will have missed.
        List<WebSocket> writers = Bulk.run(pairs, 64, j -> context.dialer().connect(gateways.get(0),
                users.get(2 * j).accessToken()));
        LongAdder closed = new LongAdder();
        List<WebSocket> sockets = Bulk.run(connections, 128, i -> context.dialer()
                .connect(devices.get(i).gateway(), devices.get(i).user().accessToken()).map(socket -> {
                    socket.closeHandler(v -> closed.increment());
                    return socket;
                }));
        report.line("setup: %d devices of %d users (%d reused, %d registered in %.1f s), %d conversations, %.1f s",
                connections, userCount, preparation.reused(), preparation.registered(), preparation.seconds(), pairs,
                (System.nanoTime() - begin) / 1e9);

        sockets.forEach(socket -> socket.close());
        long dropUntil = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (closed.sum() < connections && System.nanoTime() < dropUntil) {
            LockSupport.parkNanos(10_000_000);
        }
        long[] missedSeq = new long[pairs];
        List<Long> seqs = Bulk.run(pairs, 64, j -> acked(writers.get(j), conversations.get(j), j));
        for (int j = 0; j < pairs; j++) {
            missedSeq[j] = seqs.get(j);
        }

        Map<String, SuiteHttp> httpByGateway = new LinkedHashMap<>();
        gateways.forEach(g -> httpByGateway.put(g.name(), new SuiteHttp(context.vertx(), g.port(), 1000)));
        Latencies back = new Latencies();
        Latencies resynced = new Latencies();
        LongAdder syncRounds = new LongAdder();
        LongAdder eventPages = new LongAdder();
        AtomicInteger done = new AtomicInteger();
        AtomicInteger failed = new AtomicInteger();
        Map<String, Integer> failures = new java.util.concurrent.ConcurrentHashMap<>();
        List<WebSocket> reopened = java.util.Collections.synchronizedList(new ArrayList<>());
        ResourceUse use = ResourceUse.start(context.processes());
        long storm = System.nanoTime();
        for (Device device : devices) {
            int pair = (device.index() % userCount) / 2;
            long lastSeq = missedSeq[pair] - 1;
            SuiteHttp http = httpByGateway.get(device.gateway().name());
            context.dialer().connect(device.gateway(), device.user().accessToken())
                    .compose(socket -> {
                        reopened.add(socket);
                        back.recordSince(storm);
                        return resync(context, http, device, lastSeq, missedSeq[pair], syncRounds, eventPages,
                                System.nanoTime() + PATIENCE.toNanos());
                    })
                    .onComplete(result -> {
                        if (result.succeeded()) {
                            resynced.recordSince(storm);
                            done.incrementAndGet();
                        } else {
                            failed.incrementAndGet();
                            String reason = String.valueOf(result.cause().getMessage());
                            failures.merge(reason.length() > 80 ? reason.substring(0, 80) : reason, 1, Integer::sum);
                        }
                    });
        }
        long until = storm + PATIENCE.toNanos();
        while (done.get() + failed.get() < connections && System.nanoTime() < until) {
            LockSupport.parkNanos(10_000_000);
        }
        double allSeconds = (System.nanoTime() - storm) / 1e9;
        Map<String, Object> resources = use.stop();
        reopened.forEach(socket -> socket.close());
        writers.forEach(socket -> socket.close());
        httpByGateway.values().forEach(SuiteHttp::close);

        Histogram backHistogram = back.interval();
        Histogram resyncHistogram = resynced.interval();
        report.result("connections", connections);
        report.result("users", userCount);
        report.result("conversations", pairs);
        report.result("resynced", done.get());
        report.result("failed", failed.get());
        report.result("failures", failures);
        report.result("syncRequests", syncRounds.sum());
        report.result("eventPageRequests", eventPages.sum());
        report.result("back", Latencies.summary(backHistogram));
        report.result("resync", Latencies.summary(resyncHistogram));
        report.result("allResyncedSeconds", done.get() == connections
                ? Latencies.ms(resyncHistogram.getMaxValue()) / 1000 : null);
        report.result("resources", resources);
        report.line("dropped %d sockets at once; one message per conversation while away; all reconnect at once",
                connections);
        report.line("back (socket open again): %s", Latencies.line(backHistogram));
        report.line("resynced (missed message fetched): %s", Latencies.line(resyncHistogram));
        report.line("%d of %d resynced, %d failed, %d sync requests, %d events pages; waited %.1f s", done.get(),
                connections, failed.get(), syncRounds.sum(), eventPages.sum(), allSeconds);
        if (!failures.isEmpty()) {
            report.line("failures: %s", failures);
        }
        report.line("busiest processes (%% of one core): %s", resources.get("busiest"));
        Map<String, Object> target = new LinkedHashMap<>();
        target.put("allResyncedTargetSeconds", 15);
        target.put("met", connections >= 5000 && done.get() == connections
                && resyncHistogram.getMaxValue() <= 15_000_000_000L);
        report.result("target", target);
        if (connections >= 5000) {
            report.line("target: 5,000 reconnecting sockets fully resynced within 15 s -> %s",
                    (Boolean) target.get("met") ? "met" : "NOT met");
        } else {
            report.line("target: not assessed (this run is smaller than the target's scale)");
        }
    }

    @Override
    public List<Figure> headline() {
        return List.of(
                new Figure("all resynced s", "/allResyncedSeconds"),
                new Figure("back p99 ms", "/back/p99_ms"),
                new Figure("resynced p99 ms", "/resync/p99_ms"));
    }

    /** Sends one message from a writer and answers its seq once acknowledged. */
    private static Future<Long> acked(WebSocket writer, String conversation, int serial) {
        Promise<Long> seq = Promise.promise();
        writer.textMessageHandler(frame -> {
            if (Frames.isAck(frame)) {
                seq.tryComplete(Frames.number(frame, "seq"));
            } else if (Frames.isError(frame)) {
                seq.tryFail(new IllegalStateException("the writer's send was refused: " + frame));
            }
        });
        writer.writeTextMessage(Frames.send(System.nanoTime(), serial, conversation, "missed"));
        return seq.future();
    }

    /**
     * What a client does after a reconnect: asks which conversations have news after its last seq, which brings the
     * events along when they are few, else fetches the events after it; asks again shortly if history-service has not
     * stored the missed event yet.
     */
    private static Future<Void> resync(BenchContext context, SuiteHttp http, Device device, long lastSeq,
                                       long missed, LongAdder rounds, LongAdder pages, long deadline) {
        rounds.increment();
        String token = device.user().accessToken();
        return http.expect(HttpMethod.POST, "/api/history/sync", token,
                        Map.of("conversations", Map.of(device.conversation(), lastSeq)), 200)
                .compose(sync -> {
                    JsonNode news = news(sync, device.conversation());
                    if (news == null || news.path("latestSeq").asLong() < missed) {
                        return Future.succeededFuture((JsonNode) null);
                    }
                    if (news.path("events").isArray()) {
                        return Future.succeededFuture(news);
                    }
                    pages.increment();
                    return http.expect(HttpMethod.GET, "/api/history/conversations/" + device.conversation()
                            + "/events?after=" + lastSeq, token, null, 200);
                })
                .compose(events -> {
                    if (events != null && contains(events, missed)) {
                        return Future.succeededFuture();
                    }
                    if (System.nanoTime() > deadline) {
                        return Future.failedFuture(new IllegalStateException("seq " + missed + " never came"));
                    }
                    Promise<Void> later = Promise.promise();
                    context.vertx().setTimer(200, timer -> resync(context, http, device, lastSeq, missed, rounds,
                            pages, deadline).onComplete(later));
                    return later.future();
                });
    }

    /** The sync's entry for the conversation, null when it has no news. */
    private static JsonNode news(JsonNode sync, String conversation) {
        for (JsonNode entry : sync.path("conversations")) {
            if (entry.path("conversationId").asText().equals(conversation)) {
                return entry;
            }
        }
        return null;
    }

    private static boolean contains(JsonNode page, long seq) {
        for (JsonNode event : page.path("events")) {
            if (event.path("seq").asLong() == seq) {
                return true;
            }
        }
        return false;
    }
}
