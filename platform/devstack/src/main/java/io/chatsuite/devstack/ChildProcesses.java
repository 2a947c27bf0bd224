package io.chatsuite.devstack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Starting and stopping the stack's child processes the same way everywhere. */
public final class ChildProcesses {

    private static final Path SETSID = Path.of("/usr/bin/setsid");

    private ChildProcesses() {
    }

    /**
     * A process builder whose process gets a session of its own, so a Ctrl-C at the terminal reaches only the
     * launcher, which then stops its children in order instead of all of them dying at once.
     */
    public static ProcessBuilder inOwnSession(List<String> command) {
        List<String> line = new ArrayList<>();
        if (Files.isExecutable(SETSID)) {
            line.add(SETSID.toString());
        }
        line.addAll(command);
        return new ProcessBuilder(line);
    }

    /** The java launcher of the running JVM, so children run on the same JDK. */
    public static String javaExecutable() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /** Asks the process to stop (SIGTERM) and kills it if it has not within the grace period. */
    public static void stop(Process process, long graceMillis) {
        if (!process.isAlive()) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(graceMillis, TimeUnit.MILLISECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Runs each stop on a thread of its own and waits for all: a parallel stream would run only as many at once as
     * there are cores, and stops mostly wait.
     */
    public static void stopTogether(List<Runnable> stops) {
        List<Thread> threads = stops.stream().map(Thread::new).toList();
        threads.forEach(Thread::start);
        for (Thread thread : threads) {
            try {
                thread.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** A short pause between readiness probes of a process we started. */
    public static void pause(java.time.Duration duration) {
        java.util.concurrent.locks.LockSupport.parkNanos(duration.toNanos());
        if (Thread.interrupted()) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for a process to become ready");
        }
    }

    /** The last lines of a log file, to say why something failed without sending the user hunting. */
    public static String tail(Path log, int lines) {
        try {
            if (!Files.exists(log)) {
                return "(no log written)";
            }
            List<String> all = Files.readAllLines(log);
            return String.join(System.lineSeparator(), all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "(log unreadable: " + e.getMessage() + ")";
        }
    }
}
