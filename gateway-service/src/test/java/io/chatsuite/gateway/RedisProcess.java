package io.chatsuite.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The redis-server under this test JVM that the node talks to, frozen (SIGSTOP) and thawed on demand. A frozen Redis
 * is a hung or unreachable one: it closes no connection and answers nothing, for exactly as long as the test says.
 */
public final class RedisProcess {

    private final ProcessHandle process;

    private RedisProcess(ProcessHandle process) {
        this.process = process;
    }

    /**
     * Found by its port: it rewrites its command line to {@code redis-server 127.0.0.1:PORT}, and the launcher started
     * it with {@code --port PORT}.
     */
    public static RedisProcess listeningOn(String redisUrl) {
        String port = redisUrl.substring(redisUrl.lastIndexOf(':') + 1).replaceAll("\\D.*", "");
        List<ProcessHandle> candidates = ProcessHandle.current().descendants()
                .filter(process -> {
                    String line = commandLine(process);
                    return line.contains("redis-server") && (line.contains(":" + port + " ")
                            || line.endsWith(":" + port) || line.contains("--port " + port + " "));
                })
                .toList();
        assertThat(candidates).as("the redis-server on port " + port + " under this test JVM").hasSize(1);
        return new RedisProcess(candidates.get(0));
    }

    public void freeze() throws IOException, InterruptedException {
        signal("STOP");
    }

    public void thaw() throws IOException, InterruptedException {
        signal("CONT");
    }

    private void signal(String signal) throws IOException, InterruptedException {
        int status = new ProcessBuilder("kill", "-s", signal, Long.toString(process.pid())).inheritIO().start()
                .waitFor();
        assertThat(status).as("kill -s " + signal).isZero();
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
