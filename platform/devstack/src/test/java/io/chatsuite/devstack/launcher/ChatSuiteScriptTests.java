package io.chatsuite.devstack.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ./chat-suite --help} and a mistaken option answer at once on a checkout that was never built: the script is
 * run in a copy of the tree with no build output, whose {@code mvnw} only notes that it was called.
 */
class ChatSuiteScriptTests {

    private static final Path ROOT = Path.of(System.getProperty("devstack.root", "../..")).toAbsolutePath().normalize();
    private static final String OPTIONS_SOURCE = "platform/devstack/src/main/java/io/chatsuite/devstack/launcher/"
            + "LaunchOptions.java";
    private static final Duration AT_ONCE = Duration.ofSeconds(30);

    @TempDir
    Path checkout;

    private Path buildMarker;

    @BeforeEach
    void unbuiltCheckout() throws IOException {
        Files.copy(ROOT.resolve("chat-suite"), checkout.resolve("chat-suite"));
        Files.createDirectories(checkout.resolve(OPTIONS_SOURCE).getParent());
        Files.copy(ROOT.resolve(OPTIONS_SOURCE), checkout.resolve(OPTIONS_SOURCE));
        buildMarker = checkout.resolve("build-was-started");
        Path mvnw = checkout.resolve("mvnw");
        Files.writeString(mvnw, "#!/bin/sh\ntouch '" + buildMarker + "'\nexit 1\n");
        Files.setPosixFilePermissions(mvnw, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    @Test
    void helpAnswersWithoutBuilding() throws Exception {
        Run run = chatSuite("--help");

        assertThat(run.status()).isZero();
        assertThat(run.stdout()).startsWith("usage: chat-suite").contains("--gateways N").contains("--rebuild");
        assertThat(buildMarker).doesNotExist();
    }

    @Test
    void aMistakeIsExplainedWithoutBuilding() throws Exception {
        Run unknown = chatSuite("--gatewys", "2");
        Run badValue = chatSuite("up", "--gateways", "many");

        assertThat(unknown.status()).isEqualTo(2);
        assertThat(unknown.stderr()).contains("unknown argument: --gatewys").contains("usage: chat-suite");
        assertThat(badValue.status()).isEqualTo(2);
        assertThat(badValue.stderr()).contains("--gateways needs a number");
        assertThat(buildMarker).doesNotExist();
    }

    @Test
    void goodOptionsOnAnUnbuiltCheckoutGoOnToTheBuild() throws Exception {
        Run run = chatSuite("infra", "--free-ports");

        assertThat(run.stdout()).contains("Building the suite");
        assertThat(buildMarker).exists();
        assertThat(run.status()).isNotZero();
    }

    private Run chatSuite(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(checkout.resolve("chat-suite").toString()));
        command.addAll(List.of(args));
        Path stdout = Files.createTempFile(checkout, "stdout", ".txt");
        Path stderr = Files.createTempFile(checkout, "stderr", ".txt");
        Process process = new ProcessBuilder(command).directory(checkout.toFile())
                .redirectOutput(stdout.toFile()).redirectError(stderr.toFile()).start();
        boolean finished = process.waitFor(AT_ONCE.toSeconds(), TimeUnit.SECONDS);
        if (!finished) {
            process.destroyForcibly();
        }
        assertThat(finished).as("chat-suite %s answered within %s", String.join(" ", args), AT_ONCE).isTrue();
        return new Run(process.exitValue(), Files.readString(stdout, StandardCharsets.UTF_8),
                Files.readString(stderr, StandardCharsets.UTF_8));
    }

    private record Run(int status, String stdout, String stderr) {
    }
}
