package io.chatsuite.devstack.launcher;

import java.net.http.HttpResponse;
import java.util.Optional;

/** What the {@link LivenessWatch} needs of a running service: its answer to the probe, and a way to stop it. */
interface LivenessProbed {

    String name();

    /** The answer of {@code /q/health/live}, or empty when the service does not answer at all. */
    Optional<HttpResponse<String>> liveness();

    /** Stops the service, saying why, so that its supervisor starts it again. */
    void stopBecause(String reason);
}
