package io.chatsuite.devstack.launcher;

import java.nio.file.Path;
import java.util.List;

/** The five services of the suite, in the order their readiness is reported. */
public enum SuiteService {
    AUTH("auth-service", 8081, "AUTH_SERVICE_URL", 384),
    CHAT("chat-service", 8082, "CHAT_SERVICE_URL", 384),
    HISTORY("history-service", 8083, "HISTORY_SERVICE_URL", 384),
    PRESENCE("presence-service", 8084, "PRESENCE_SERVICE_URL", 384),
    // Sized for the node's socket target: about 19,000 sockets (the open-file limit here) at 4.1 KiB of live heap
    // each is 76 MiB, plus the application's own 20 MiB, with room for the collector (docs/operations.md, Scale).
    // A node that grew its heap for a burst of upgrades gives what it does not need back to the system once it has
    // collected: G1 shrinks the heap to at most 30 % free at a full or concurrent collection, and runs a concurrent
    // one after a minute without any (docs/operations.md, Scale).
    GATEWAY("gateway-service", 8080, "GATEWAY_URL", 256,
            "-XX:MinHeapFreeRatio=10", "-XX:MaxHeapFreeRatio=30", "-XX:G1PeriodicGCInterval=60000");

    private final String moduleName;
    private final int defaultPort;
    private final String urlVariable;
    private final int maxHeapMegabytes;
    private final List<String> jvmOptions;

    SuiteService(String moduleName, int defaultPort, String urlVariable, int maxHeapMegabytes,
                 String... jvmOptions) {
        this.moduleName = moduleName;
        this.defaultPort = defaultPort;
        this.urlVariable = urlVariable;
        this.maxHeapMegabytes = maxHeapMegabytes;
        this.jvmOptions = List.of(jvmOptions);
    }

    /** The -Xmx the local launcher gives each instance. */
    public int maxHeapMegabytes() {
        return maxHeapMegabytes;
    }

    /** Options the local launcher gives each instance beside its heap. */
    public List<String> jvmOptions() {
        return jvmOptions;
    }

    public String moduleName() {
        return moduleName;
    }

    public int defaultPort() {
        return defaultPort;
    }

    /** The variable under which other services find this one (the gateway routes /api by these). */
    public String urlVariable() {
        return urlVariable;
    }

    /** The runnable application the Maven build leaves in the module. */
    public Path runnableJar(Path projectRoot) {
        return projectRoot.resolve(moduleName).resolve("target").resolve("quarkus-app").resolve("quarkus-run.jar");
    }
}
