package io.chatsuite.deploy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/** Renders a kustomization with {@code kubectl kustomize}, offline: it reads files and talks to no cluster. */
final class Kustomize {

    private Kustomize() {
    }

    static String render(Path kustomization) throws IOException, InterruptedException {
        Process kubectl;
        try {
            // the build links or fetches it there (src/test/scripts/ensure-kubectl.sh)
            String executable = System.getProperty("kubectl.executable", "kubectl");
            kubectl = new ProcessBuilder(executable, "kustomize", kustomization.toString())
                    .redirectErrorStream(false).start();
        } catch (IOException e) {
            throw new IOException("kubectl is needed to render the overlays (the build fetches it: ensure-kubectl.sh): " + e.getMessage(),
                    e);
        }
        byte[] out = kubectl.getInputStream().readAllBytes();
        byte[] err = kubectl.getErrorStream().readAllBytes();
        if (!kubectl.waitFor(60, TimeUnit.SECONDS) || kubectl.exitValue() != 0) {
            throw new AssertionError("kubectl kustomize " + kustomization + " failed:\n"
                    + new String(err, StandardCharsets.UTF_8));
        }
        return new String(out, StandardCharsets.UTF_8);
    }
}
