package io.chatsuite.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A test JVM that is killed does not leave what it launched running: a JVM starts a long-lived child the way
 * {@link RunningSuite} starts the launcher ({@link RunningSuite#startReaped}), is killed with SIGKILL, and the child
 * goes within the reaper's bound. (That the launcher in turn stops the suite on INT, or when itself killed, is
 * {@link SuiteLauncherTests}'.)
 */
class KilledTestJvmTests {

    @TempDir
    Path directory;

    @Test
    void whatATestJvmLaunchedDiesWithIt() throws Exception {
        String java = ProcessHandle.current().info().command().orElse("java");
        Process testJvm = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                LaunchingJvm.class.getName(), directory.toString())
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        long childPid;
        try (BufferedReader out = new BufferedReader(
                new InputStreamReader(testJvm.getInputStream(), StandardCharsets.US_ASCII))) {
            childPid = Long.parseLong(out.readLine().trim());
        }
        ProcessHandle child = ProcessHandle.of(childPid).orElseThrow();
        assertThat(child.isAlive()).isTrue();

        new ProcessBuilder("kill", "-s", "KILL", Long.toString(testJvm.pid())).inheritIO().start().waitFor();

        await("the killed JVM's child is gone").atMost(Duration.ofSeconds(30))
                .until(() -> !testJvm.isAlive() && !child.isAlive());
    }

    /** Stands in for a test JVM with a suite running: starts a child as RunningSuite does, names it, and waits. */
    public static final class LaunchingJvm {

        public static void main(String[] args) throws Exception {
            RunningSuite.Reaped child = RunningSuite.startReaped(
                    new ProcessBuilder(List.of("sleep", "600")), Path.of(args[0]));
            System.out.println(child.process().pid());
            System.out.flush();
            new CountDownLatch(1).await();
        }
    }
}
