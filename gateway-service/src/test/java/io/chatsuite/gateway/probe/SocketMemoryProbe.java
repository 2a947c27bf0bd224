package io.chatsuite.gateway.probe;

import io.chatsuite.devstack.testing.LocalStackTestResource;
import io.chatsuite.devstack.testing.TestTokenIssuer;
import io.chatsuite.gateway.session.LocalSessions;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Measurement aid, not a test of behaviour: class histograms of this JVM before and with N idle sockets. */
@QuarkusTest
@WithTestResource(LocalStackTestResource.class)
@WithTestResource(TestTokenIssuer.class)
class SocketMemoryProbe {

    @TestHTTPResource("/")
    URI base;

    @Inject
    LocalSessions sessions;

    @Test
    void histograms() throws Exception {
        int count = Integer.getInteger("probe.sockets", 2000);
        String out = System.getProperty("probe.out", "/tmp/gwmem-probe");
        List<String> tokens = new ArrayList<>();
        for (int i = 0; i < count / 3; i++) {
            tokens.add(TestTokenIssuer.tokenFor(UUID.randomUUID(), "probe" + i));
        }
        Path tokenFile = Files.createTempFile("tokens", ".txt");
        Files.write(tokenFile, tokens);
        String pid = Long.toString(ProcessHandle.current().pid());
        histogram(pid, out + "-empty.txt");
        Process holder = new ProcessBuilder("java", "-Xmx512m", "-cp", System.getProperty("java.class.path"),
                SocketHolder.class.getName(), Integer.toString(base.getPort()), tokenFile.toString(),
                Integer.toString(count)).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        String line = new BufferedReader(new InputStreamReader(holder.getInputStream())).readLine();
        System.out.println("PROBE " + line + "; open here: " + sessions.size());
        histogram(pid, out + "-held.txt");
        holder.getOutputStream().write('\n');
        holder.getOutputStream().flush();
        holder.waitFor();
    }

    private static void histogram(String pid, String file) throws Exception {
        new ProcessBuilder("jcmd", pid, "GC.class_histogram").redirectOutput(Path.of(file).toFile()).start().waitFor();
    }
}
