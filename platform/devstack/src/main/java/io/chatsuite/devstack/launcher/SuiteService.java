package io.chatsuite.devstack.launcher;

import java.nio.file.Path;

/** The five services of the suite, in the order their readiness is reported. */
public enum SuiteService {
    AUTH("auth-service", 8081, "AUTH_SERVICE_URL"),
    CHAT("chat-service", 8082, "CHAT_SERVICE_URL"),
    HISTORY("history-service", 8083, "HISTORY_SERVICE_URL"),
    PRESENCE("presence-service", 8084, "PRESENCE_SERVICE_URL"),
    GATEWAY("gateway-service", 8080, "GATEWAY_URL");

    private final String moduleName;
    private final int defaultPort;
    private final String urlVariable;

    SuiteService(String moduleName, int defaultPort, String urlVariable) {
        this.moduleName = moduleName;
        this.defaultPort = defaultPort;
        this.urlVariable = urlVariable;
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
