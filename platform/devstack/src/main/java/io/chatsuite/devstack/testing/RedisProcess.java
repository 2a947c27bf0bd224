package io.chatsuite.devstack.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * The redis-server of this test JVM's stack, frozen (SIGSTOP), thawed or killed on demand. A frozen Redis is a hung or
 * unreachable one: it closes no connection and answers nothing, for exactly as long as the test says. A killed one is
 * restarted on the same port by the stack's supervisor, as an orchestrator would.
 */
public final class RedisProcess {

    private final ProcessHandle process;
    private final int port;

    private RedisProcess(ProcessHandle process, int port) {
        this.process = process;
        this.port = port;
    }

    /**
     * Found by its port: it rewrites its command line to {@code redis-server 127.0.0.1:PORT}, and the launcher started
     * it with {@code --port PORT}.
     */
    public static RedisProcess listeningOn(String redisUrl) {
        int port = Integer.parseInt(redisUrl.substring(redisUrl.lastIndexOf(':') + 1).replaceAll("\\D.*", ""));
        List<ProcessHandle> candidates = ProcessHandle.current().descendants()
                .filter(process -> {
                    String line = commandLine(process);
                    return line.contains("redis-server") && (line.contains(":" + port + " ")
                            || line.endsWith(":" + port) || line.contains("--port " + port + " "));
                })
                .toList();
        if (candidates.size() != 1) {
            throw new IllegalStateException("expected one redis-server on port " + port + " under this test JVM, found "
                    + candidates.size());
        }
        return new RedisProcess(candidates.get(0), port);
    }

    public void freeze() {
        signal("STOP");
    }

    public void thaw() {
        signal("CONT");
    }

    /** SIGKILL: every client connection is reset, and whatever a client was waiting for fails. */
    public void kill() {
        signal("KILL");
    }

    /**
     * Whether a client has sent this Redis bytes it has not read: while it is frozen, the sign that a command is
     * waiting for it. Read from the kernel's table of TCP sockets, where the server's side of each connection has
     * the Redis port as its local port and its unread bytes as {@code rx_queue}.
     */
    public boolean hasUnreadCommands() {
        String localPort = ":" + String.format(Locale.ROOT, "%04X", port);
        try {
            return Files.readAllLines(Path.of("/proc/net/tcp")).stream().skip(1)
                    .map(line -> line.trim().split("\\s+"))
                    .filter(fields -> fields[1].endsWith(localPort))
                    .anyMatch(fields -> Long.parseLong(fields[4].substring(fields[4].indexOf(':') + 1), 16) > 0);
        } catch (IOException unreadable) {
            throw new UncheckedIOException(unreadable);
        }
    }

    private void signal(String signal) {
        try {
            int status = new ProcessBuilder("kill", "-s", signal, Long.toString(process.pid())).inheritIO().start()
                    .waitFor();
            if (status != 0) {
                throw new IllegalStateException("kill -s " + signal + " " + process.pid() + " exited with " + status);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String commandLine(ProcessHandle process) {
        try {
            return Files.readString(Path.of("/proc", Long.toString(process.pid()), "cmdline")).replace('\0', ' ')
                    .trim();
        } catch (IOException gone) {
            return "";
        }
    }
}
