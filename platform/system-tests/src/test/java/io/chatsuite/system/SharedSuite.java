package io.chatsuite.system;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ExtensionContext.Namespace;

/**
 * One launched suite for the whole test run, shared by every test class that registers this extension: starting the
 * suite takes about a minute, so each class starting its own would cost more than most classes' tests. The suite is
 * kept in JUnit's root store, which closes it after the last test class has run.
 */
final class SharedSuite implements BeforeAllCallback {

    private static final Namespace NAMESPACE = Namespace.create(SharedSuite.class);

    private final List<String> options;
    private RunningSuite suite;

    SharedSuite(String... options) {
        this.options = List.of(options);
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        suite = context.getRoot().getStore(NAMESPACE).computeIfAbsent(options, key -> launch(), RunningSuite.class);
    }

    /** The running suite; classes that ran before may have killed instances, see {@link RunningSuite#awaitEveryInstanceReady}. */
    RunningSuite suite() {
        return suite;
    }

    private RunningSuite launch() {
        try {
            // Under target/, not a JUnit temporary directory: the launcher's and services' logs stay for a post-mortem.
            Path data = Files.createTempDirectory(Files.createDirectories(Path.of("target")), "shared-suite-");
            return RunningSuite.launch(data, options.toArray(String[]::new));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
