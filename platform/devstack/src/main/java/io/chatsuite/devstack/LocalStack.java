package io.chatsuite.devstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;

/**
 * Real PostgreSQL, Redis, Kafka and an S3-compatible object store on loopback ports, started in parallel, for tests and for the suite launcher.
 *
 * <p>Parts configured externally (see {@link ServiceEnvironment#EXTERNAL_SETTINGS}) are used as they are. Every
 * process started is registered with an {@link OrphanReaper}, so nothing outlives the JVM that started it.
 */
public final class LocalStack implements AutoCloseable {

    private final StackSettings settings;
    private final OrphanReaper reaper;
    private final List<StackComponent> started;
    private final Map<String, String> serviceEnvironment;
    private final InfrastructureSupervisor supervisor;

    private LocalStack(StackSettings settings, OrphanReaper reaper, List<StackComponent> started,
                       Map<String, String> serviceEnvironment, InfrastructureSupervisor supervisor) {
        this.settings = settings;
        this.reaper = reaper;
        this.started = started;
        this.serviceEnvironment = Collections.unmodifiableMap(new TreeMap<>(serviceEnvironment));
        this.supervisor = supervisor;
    }

    /** {@link #start(StackSettings, Consumer)} reporting restarts on standard error. */
    public static LocalStack start(StackSettings settings) {
        return start(settings, line -> System.err.println("[devstack] " + line));
    }

    /**
     * Starts every component; if one fails, stops the others and says which failed and why. From then on a component
     * whose process dies is restarted on the same port with the same data ({@link InfrastructureSupervisor}), and
     * each step is reported to {@code report}.
     */
    public static LocalStack start(StackSettings settings, Consumer<String> report) {
        try {
            Files.createDirectories(settings.dataDirectory());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the data directory " + settings.dataDirectory(), e);
        }
        StackState state = StackState.load(settings.dataDirectory());
        OrphanReaper reaper = OrphanReaper.start(settings.dataDirectory().resolve("run"));
        List<StackComponent> components = List.of(new PostgresServer(), new RedisServer(), new KafkaBroker(),
                new S3Server());
        ExecutorService starter = Executors.newFixedThreadPool(components.size());
        Map<StackComponent, Future<Map<String, String>>> starts = new LinkedHashMap<>();
        components.forEach(c -> starts.put(c, starter.submit(() -> c.start(settings, state, reaper))));

        Map<String, String> environment = new LinkedHashMap<>();
        List<String> failures = new ArrayList<>();
        for (var start : starts.entrySet()) {
            try {
                environment.putAll(start.getValue().get());
            } catch (ExecutionException e) {
                failures.add(start.getKey().name() + " failed to start: " + describe(e.getCause()));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                failures.add(start.getKey().name() + " start interrupted");
            }
        }
        starter.shutdown();
        if (!failures.isEmpty()) {
            stopAll(components);
            reaper.release();
            throw new StackStartException(String.join(System.lineSeparator(), failures)
                    + System.lineSeparator() + "logs: " + settings.logDirectory());
        }
        state.save();
        return new LocalStack(settings, reaper, components, environment,
                InfrastructureSupervisor.watch(components, reaper, report));
    }

    private static String describe(Throwable failure) {
        return failure.getMessage() == null ? failure.toString() : failure.getMessage();
    }

    /** The settings that point a service at this stack, under the names every service reads. */
    public Map<String, String> serviceEnvironment() {
        return serviceEnvironment;
    }

    public OrphanReaper reaper() {
        return reaper;
    }

    public Path dataDirectory() {
        return settings.dataDirectory();
    }

    public Path logDirectory() {
        return settings.logDirectory();
    }

    @Override
    public void close() {
        supervisor.close();
        stopAll(started);
        reaper.release();
    }

    private static void stopAll(List<StackComponent> components) {
        // All at once: Ctrl-C must bring everything down within seconds.
        ChildProcesses.stopTogether(components.stream().<Runnable>map(component -> component::stop).toList());
    }
}
