package io.chatsuite.system;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ExtensionContext.Namespace;

/**
 * One launched suite for the whole test run, shared by every test class that registers this extension: starting the
 * suite takes about a minute, so each class starting its own would cost more than most classes' tests. The suite is
 * kept in JUnit's root store, which closes it after the last test class has run.
 *
 * <p>The suite runs with tracing on, as an operator would switch it on, exporting OTLP/HTTP to a small collector
 * kept alongside it: every system test exercises the traced paths, and {@link TracingSystemTests} reads the traces.
 */
final class SharedSuite implements BeforeAllCallback {

    private static final Namespace NAMESPACE = Namespace.create(SharedSuite.class);

    private final List<String> options;
    private Traced traced;

    SharedSuite(String... options) {
        this.options = List.of(options);
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        traced = context.getRoot().getStore(NAMESPACE).computeIfAbsent(options, key -> launch(), Traced.class);
    }

    /**
     * The running suite; classes that ran before may have killed instances, see
     * {@link RunningSuite#awaitEveryInstanceReady}.
     */
    RunningSuite suite() {
        return traced.suite();
    }

    /** The collector the suite's services export their spans to. */
    OtlpCollector traces() {
        return traced.collector();
    }

    private Traced launch() {
        OtlpCollector collector = null;
        try {
            collector = OtlpCollector.start();
            // Under target/, not a JUnit temporary directory: the launcher's and services' logs stay for a post-mortem.
            // Absolute: the launcher runs from the project's root, not from this module's directory.
            Path data = Files.createTempDirectory(Files.createDirectories(Path.of("target")), "shared-suite-")
                    .toAbsolutePath();
            return new Traced(collector, RunningSuite.launch(data, Map.of(
                    "OTEL_SDK_DISABLED", "false",
                    "OTEL_EXPORTER_OTLP_ENDPOINT", collector.endpoint(),
                    "OTEL_EXPORTER_OTLP_PROTOCOL", "http/protobuf",
                    // Export within a second rather than the default five.
                    "QUARKUS_OTEL_BSP_SCHEDULE_DELAY", "500ms"), options.toArray(String[]::new)));
        } catch (IOException e) {
            if (collector != null) {
                collector.close();
            }
            throw new UncheckedIOException(e);
        }
    }

    /** The suite and its collector, closed together (the suite first, so its last spans still have somewhere to go). */
    record Traced(OtlpCollector collector, RunningSuite suite) implements AutoCloseable {
        @Override
        public void close() throws Exception {
            try {
                suite.close();
            } finally {
                collector.close();
            }
        }
    }
}
