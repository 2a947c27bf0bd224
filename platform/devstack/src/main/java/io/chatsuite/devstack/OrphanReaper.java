package io.chatsuite.devstack;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A tiny watcher process that outlives this JVM only to stop what it started.
 *
 * <p>A shutdown hook does not run on SIGKILL, so each process the stack starts is registered here with the signal
 * that stops it gently. The watcher reads registrations from a pipe; when the pipe closes without a clean
 * {@link #release()}, it signals every registered process and kills what is still alive 20 s later.
 */
public final class OrphanReaper implements AutoCloseable {

    private final Process watcher;
    private final Writer registrations;

    private OrphanReaper(Process watcher) {
        this.watcher = watcher;
        this.registrations = new OutputStreamWriter(watcher.getOutputStream(), StandardCharsets.US_ASCII);
    }

    public static OrphanReaper start(Path workDirectory) {
        try {
            Files.createDirectories(workDirectory);
            Path script = workDirectory.resolve("orphan-reaper.sh");
            try (InputStream in = OrphanReaper.class.getResourceAsStream("orphan-reaper.sh")) {
                Files.write(script, in.readAllBytes());
            }
            Process watcher = ChildProcesses.inOwnSession(List.of("/bin/sh", script.toString()))
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .redirectError(ProcessBuilder.Redirect.DISCARD)
                    .start();
            return new OrphanReaper(watcher);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the orphan reaper", e);
        }
    }

    /** Registers a process to be stopped with {@code signal} (TERM, INT, ...) should this JVM die first. */
    public synchronized void register(long pid, String signal) {
        try {
            registrations.write(signal + " " + pid + "\n");
            registrations.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("the orphan reaper is gone; refusing to start unsupervised processes", e);
        }
    }

    /** A registered process has died (and was replaced): its pid may go to someone else, who must not be signalled. */
    public synchronized void forget(long pid) {
        try {
            registrations.write("forget " + pid + "\n");
            registrations.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("the orphan reaper is gone", e);
        }
    }

    /** Everything registered has been stopped by its owner: the watcher exits without signalling anyone. */
    public synchronized void release() {
        try {
            registrations.write("done\n");
            registrations.close();
        } catch (IOException e) {
            watcher.destroy();
        }
    }

    @Override
    public void close() {
        release();
    }
}
