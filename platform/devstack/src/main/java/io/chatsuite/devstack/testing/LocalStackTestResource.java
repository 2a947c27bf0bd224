package io.chatsuite.devstack.testing;

import io.chatsuite.devstack.LocalStack;
import io.chatsuite.devstack.StackSettings;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Points a Quarkus test at real PostgreSQL, Redis, Kafka and S3-compatible storage. One stack serves every test class of a test JVM; it is
 * started on first use, and stopped and deleted when the JVM ends (by the orphan reaper if the JVM is killed).
 */
public class LocalStackTestResource implements QuarkusTestResourceLifecycleManager {

    private static LocalStack shared;

    @Override
    public Map<String, String> start() {
        return stack().serviceEnvironment();
    }

    @Override
    public void stop() {
        // The stack outlives one Quarkus application: the next test class reuses it.
    }

    /** The test JVM's stack, started on first call. */
    public static synchronized LocalStack stack() {
        if (shared == null) {
            try {
                Path data = Files.createTempDirectory("chatsuite-test-stack");
                shared = LocalStack.start(StackSettings.forDataDirectory(data));
                Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                    shared.close();
                    deleteRecursively(data);
                }, "local-stack-shutdown"));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return shared;
    }

    private static void deleteRecursively(Path directory) {
        try (Stream<Path> paths = Files.walk(directory)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            System.err.println("[devstack] could not delete " + directory + ": " + e.getMessage());
        }
    }
}
