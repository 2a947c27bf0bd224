package io.chatsuite.devstack;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * One infrastructure process the stack runs itself (Kafka, Redis, S3): started in its own session with its output
 * appended to a log file, registered with the orphan reaper, and started again the same way after it died.
 */
final class RestartableProcess {

    private final List<String> command;
    private final Path log;
    private final long stopMillis;
    private Process process;

    RestartableProcess(List<String> command, Path log, long stopMillis) {
        this.command = List.copyOf(command);
        this.log = log;
        this.stopMillis = stopMillis;
    }

    synchronized Process start(OrphanReaper reaper) throws IOException {
        process = ChildProcesses.inOwnSession(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .start();
        reaper.register(process.pid(), "TERM");
        return process;
    }

    synchronized boolean alive() {
        return process != null && process.isAlive();
    }

    /** Starts it again; one that came up halfway and hangs in its readiness wait is killed and forgotten first. */
    synchronized Process restart(OrphanReaper reaper) throws IOException {
        if (process != null) {
            process.destroyForcibly();
            reaper.forget(process.pid());
        }
        return start(reaper);
    }

    synchronized void stop() {
        if (process != null) {
            ChildProcesses.stop(process, stopMillis);
            process = null;
        }
    }
}
