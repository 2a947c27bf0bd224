package io.chatsuite.loadgen;

import io.vertx.core.http.WebSocket;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;

/**
 * Ramps idle authenticated sockets on the first gateway node at a fixed connect rate to a target, or until
 * connecting fails; holds them, and reports how many stayed open and the gateway's memory per connection (heap
 * after a full GC and resident set size, each against the node before the ramp).
 */
final class ConnectionsScenario implements Scenario {

    /** Files the bench itself needs besides its sockets (jars, epoll, HTTP pool). */
    private static final int OWN_FILES = 300;

    @Override
    public void run(BenchContext context, Report report) throws Exception {
        BenchOptions options = context.options();
        int target = options.integer("target", 19_000);
        int userCount = Math.min(target, options.integer("users", 1000));
        double connectRate = options.decimal("connect-rate", 1000);
        Duration hold = options.seconds("hold", 10);
        long ownLimit = openFileLimit();
        if (target + OWN_FILES > ownLimit) {
            report.note("the bench's own open-file limit (" + ownLimit + ") caps this run at "
                    + (ownLimit - OWN_FILES) + " sockets; run more bench processes with --attach for more");
            target = (int) (ownLimit - OWN_FILES);
        }
        List<UserPool.BenchUser> users = context.users().signIn(userCount);
        UserPool.Preparation preparation = context.users().lastPreparation();
        report.line("setup: %d users (%d reused, %d registered in %.1f s); %d sockets per user on average",
                userCount, preparation.reused(), preparation.registered(), preparation.seconds(),
                Math.round((double) target / userCount));
        Gateway gateway = context.gateways().get(0);
        long pid = context.processes().javaPid(gateway.name())
                .orElseThrow(() -> new IllegalStateException("cannot find the process of " + gateway.name()));

        Map<String, Object> before = memory(pid);
        Latencies connectLatency = new Latencies();
        LongAdder failed = new LongAdder();
        LongAdder closedByServer = new LongAdder();
        Map<String, LongAdder> failures = new ConcurrentHashMap<>();
        Queue<WebSocket> open = new ConcurrentLinkedQueue<>();
        AtomicLong firstFailureAt = new AtomicLong(-1);
        long begin = System.nanoTime();
        int planned = target;
        // Open loop at the connect rate; stops issuing once failures pile up (the node's or the machine's limit).
        long issued = 0;
        double interval = 1e9 / connectRate;
        while (issued < planned && failed.sum() < Math.max(50, planned / 100)) {
            long due = Math.min(planned, (long) ((System.nanoTime() - begin) / interval) + 1);
            for (; issued < due; issued++) {
                long intended = begin + (long) (issued * interval);
                UserPool.BenchUser user = users.get((int) (issued % userCount));
                context.dialer().connect(gateway, user.accessToken()).onComplete(result -> {
                    if (result.succeeded()) {
                        connectLatency.recordSince(intended);
                        WebSocket socket = result.result();
                        socket.closeHandler(v -> closedByServer.increment());
                        open.add(socket);
                    } else {
                        failed.increment();
                        firstFailureAt.compareAndSet(-1, open.size());
                        failures.computeIfAbsent(reason(result.cause()), r -> new LongAdder()).increment();
                    }
                });
            }
            LockSupport.parkNanos(1_000_000);
        }
        long pendingUntil = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (open.size() + failed.sum() < issued && System.nanoTime() < pendingUntil) {
            LockSupport.parkNanos(10_000_000);
        }
        double rampSeconds = (System.nanoTime() - begin) / 1e9;
        int openedInRamp = open.size();
        LockSupport.parkNanos(hold.toNanos());
        // Late handshakes may still complete during the hold; they count as opened (and held if still open).
        int opened = open.size();
        long held = opened - closedByServer.sum();
        Map<String, Object> after = memory(pid);
        long gatewayFiles = TargetProcesses.openFiles(pid);
        if (options.text("histogram").map(Boolean::parseBoolean).orElse(true)) {
            report.result("gatewayHeapTopClasses", TargetProcesses.classHistogram(pid, 12));
        }
        open.forEach(socket -> socket.close());

        long heapDelta = (long) after.get("heapAfterFullGcBytes") - (long) before.get("heapAfterFullGcBytes");
        long rssDelta = (long) after.get("rssBytes") - (long) before.get("rssBytes");
        double heapPer = held == 0 ? 0 : Math.round(10.0 * heapDelta / held / 1024) / 10.0;
        double rssPer = held == 0 ? 0 : Math.round(10.0 * rssDelta / held / 1024) / 10.0;
        org.HdrHistogram.Histogram connectHistogram = connectLatency.interval();
        Map<String, Long> failureCounts = new LinkedHashMap<>();
        failures.forEach((reason, count) -> failureCounts.put(reason, count.sum()));
        report.result("target", target);
        report.result("users", userCount);
        report.result("issued", issued);
        report.result("opened", opened);
        report.result("failed", failed.sum());
        report.result("failures", failureCounts);
        report.result("heldAfterHold", held);
        report.result("holdSeconds", hold.toSeconds());
        report.result("connectRateOffered", connectRate);
        report.result("connectRateAchieved", Math.round(10.0 * openedInRamp / rampSeconds) / 10.0);
        report.result("connect", Latencies.summary(connectHistogram));
        report.result("gatewayBefore", before);
        report.result("gatewayAfter", after);
        report.result("gatewayOpenFiles", gatewayFiles);
        report.result("heapKiBPerConnection", heapPer);
        report.result("rssKiBPerConnection", rssPer);
        report.line("%s: issued %d, opened %d, failed %d %s, held %d after %d s", gateway.name(), issued, opened,
                failed.sum(), failureCounts.isEmpty() ? "" : failureCounts, held, hold.toSeconds());
        report.line("connect rate: offered %.0f/s, achieved %.1f/s over %.1f s; connect latency %s", connectRate,
                report.result("connectRateAchieved"), rampSeconds, Latencies.line(connectHistogram));
        report.line("gateway heap after full GC: %.1f MiB -> %.1f MiB; RSS %.1f MiB -> %.1f MiB; open files %d",
                mib(before.get("heapAfterFullGcBytes")), mib(after.get("heapAfterFullGcBytes")),
                mib(before.get("rssBytes")), mib(after.get("rssBytes")), gatewayFiles);
        report.line("per held connection: heap %.1f KiB, RSS %.1f KiB (target: <= 4 KiB of process memory)",
                heapPer, rssPer);
        Map<String, Object> goal = new LinkedHashMap<>();
        goal.put("connectionsTarget", 19_900);
        goal.put("kibPerConnectionTarget", 4);
        goal.put("met", held >= 19_000 && rssPer <= 4);
        report.result("goal", goal);
    }

    @Override
    public List<Figure> headline() {
        return List.of(
                new Figure("held sockets", "/heldAfterHold"),
                new Figure("connects/s achieved", "/connectRateAchieved"),
                new Figure("connect p99 ms", "/connect/p99_ms"),
                new Figure("heap KiB per socket", "/heapKiBPerConnection"),
                new Figure("RSS KiB per socket", "/rssKiBPerConnection"));
    }

    private static Map<String, Object> memory(long pid) {
        TargetProcesses.collectGarbage(pid);
        TargetProcesses.JvmSample jvm = TargetProcesses.jvm(pid);
        Map<String, Object> memory = new LinkedHashMap<>();
        memory.put("heapAfterFullGcBytes", jvm.heapUsedBytes());
        memory.put("rssBytes", TargetProcesses.residentBytes(pid));
        return memory;
    }

    private static double mib(Object bytes) {
        return ((Long) bytes) / 1048576.0;
    }

    private static String reason(Throwable failure) {
        String message = String.valueOf(failure.getMessage());
        return failure.getClass().getSimpleName() + ": " + (message.length() > 80 ? message.substring(0, 80)
                : message);
    }

    private static long openFileLimit() {
        try {
            for (String line : java.nio.file.Files.readAllLines(java.nio.file.Path.of("/proc/self/limits"))) {
                if (line.startsWith("Max open files")) {
                    return Long.parseLong(line.substring("Max open files".length()).trim().split("\\s+")[0]);
                }
            }
        } catch (java.io.IOException | NumberFormatException e) {
            return 1024;
        }
        return 1024;
    }
}
