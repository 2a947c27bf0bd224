package io.chatsuite.devstack.launcher;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The launcher's liveness probe, as Kubernetes runs the manifests' {@code livenessProbe}: a service whose
 * {@code /q/health/live} answers DOWN several times in a row (a Kafka channel that has failed for good, say) is
 * stopped, and the launcher's supervisor starts it again like any service that exited.
 *
 * <p>A service that does not answer at all is left alone: it is starting or stopping, and a dead one is seen by its
 * exit. Kubernetes counts that as a failure too, but also waits for the startup probe first.
 */
final class LivenessWatch implements AutoCloseable {

    /** Shorter than the manifests' 10 s: the local suite is small, and recovery is what its tests measure. */
    static final Duration PERIOD = Duration.ofSeconds(3);
    static final int FAILURE_THRESHOLD = 3;

    private final Duration period;

    private final Supplier<? extends List<? extends LivenessProbed>> services;
    private final Consumer<String> report;
    private final Map<LivenessProbed, Integer> failuresInARow = new ConcurrentHashMap<>();
    private final ScheduledExecutorService probe = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "liveness-watch");
        thread.setDaemon(true);
        return thread;
    });

    private LivenessWatch(Supplier<? extends List<? extends LivenessProbed>> services, Consumer<String> report,
                          Duration period) {
        this.services = services;
        this.period = period;
        this.report = report;
    }

    static LivenessWatch start(Supplier<? extends List<? extends LivenessProbed>> services, Consumer<String> report) {
        return start(services, report, PERIOD);
    }

    static LivenessWatch start(Supplier<? extends List<? extends LivenessProbed>> services, Consumer<String> report,
                               Duration period) {
        LivenessWatch watch = new LivenessWatch(services, report, period);
        watch.probe.scheduleWithFixedDelay(watch::probeAll, period.toMillis(), period.toMillis(),
                TimeUnit.MILLISECONDS);
        return watch;
    }

    private void probeAll() {
        List<? extends LivenessProbed> current = services.get();
        failuresInARow.keySet().retainAll(current);
        for (LivenessProbed service : current) {
            Optional<HttpResponse<String>> answer = service.liveness();
            if (answer.isEmpty()) {
                continue;
            }
            if (answer.get().statusCode() == 200) {
                failuresInARow.remove(service);
                continue;
            }
            int failures = failuresInARow.merge(service, 1, Integer::sum);
            if (failures == FAILURE_THRESHOLD) {
                String reason = "liveness DOWN " + FAILURE_THRESHOLD + " times in a row, "
                        + period.toMillis() + " ms apart: " + compact(answer.get().body());
                report.accept(service.name() + " " + reason + "; stopping it to restart it");
                // On a thread of its own: a stop waits up to five seconds and the other services keep being probed.
                Thread stop = new Thread(() -> service.stopBecause(reason), "liveness-restart");
                stop.setDaemon(true);
                stop.start();
            }
        }
    }

    /** The health report on one line, short enough to read: it names the check (the channel) that is down. */
    private static String compact(String body) {
        String line = body.replaceAll("\\s+", " ").trim();
        return line.length() <= 400 ? line : line.substring(0, 400) + "...";
    }

    @Override
    public void close() {
        probe.shutdownNow();
    }
}
