package io.chatsuite.devstack.testing;

import io.chatsuite.devstack.LocalStack;
import io.chatsuite.devstack.StackSettings;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Points a Quarkus test at real PostgreSQL, Redis, Kafka and S3-compatible storage. One stack serves every test class of a test JVM; it is
 * started on first use, and stopped and deleted when the JVM ends (by the orphan reaper if the JVM is killed).
 */
public class LocalStackTestResource implements QuarkusTestResourceLifecycleManager {

    /**
     * Where the JVM's stack is announced. Quarkus loads each test application (every profile or resource set) in a
     * class loader of its own, so a static field is not the JVM's: it would start a stack per application, minutes
     * per module. A system property is, and a plain string crosses class loaders.
     */
    private static final String ANNOUNCEMENT = "chatsuite.test-stack.environment";

    @Override
    public Map<String, String> start() {
        return environment();
    }

    @Override
    public void stop() {
        // The stack outlives one Quarkus application: the next test class reuses it.
    }

    /** The environment that points a service at the test JVM's stack, which is started on the first call. */
    public static Map<String, String> environment() {
        synchronized (System.class) {
            String announced = System.getProperty(ANNOUNCEMENT);
            if (announced == null) {
                announced = encode(startStack().serviceEnvironment());
                System.setProperty(ANNOUNCEMENT, announced);
            }
            return decode(announced);
        }
    }

    private static LocalStack startStack() {
        try {
            Path data = Files.createTempDirectory("chatsuite-test-stack");
            LocalStack stack = LocalStack.start(StackSettings.forDataDirectory(data));
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                stack.close();
                deleteRecursively(data);
            }, "local-stack-shutdown"));
            return stack;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String encode(Map<String, String> environment) {
        return environment.entrySet().stream().map(entry -> entry.getKey() + "=" + entry.getValue())
                .collect(Collectors.joining("\n"));
    }

    private static Map<String, String> decode(String announced) {
        Map<String, String> environment = new LinkedHashMap<>();
        announced.lines().forEach(line -> {
            int separator = line.indexOf('=');
            environment.put(line.substring(0, separator), line.substring(separator + 1));
        });
        return environment;
    }

    private static void deleteRecursively(Path directory) {
        try (Stream<Path> paths = Files.walk(directory)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            System.err.println("[devstack] could not delete " + directory + ": " + e.getMessage());
        }
    }
}
