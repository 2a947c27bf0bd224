package io.chatsuite.system;

import java.time.Duration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The whole suite as production runs it, with two gateway nodes (messages cross nodes through Redis) and two
 * chat-service replicas sharing {@code chat.commands} (chat-service and chat-service-2), launched once
 * and shared by every class that extends this one. A test that kills an instance relies on the launcher to restart
 * it, as an orchestrator would; each class starts only when every instance is ready again. Test classes run one after
 * another, so the shared statics always serve the class that is running.
 */
abstract class TwoGatewaySuite {

    @RegisterExtension
    static final SharedSuite SHARED = new SharedSuite("--gateways", "2", "--chat-services", "2");

    static RunningSuite suite;
    static OtlpCollector traces;
    static SuiteApi api;
    static String nodeA;
    static String nodeB;

    @BeforeAll
    static void joinTheSharedSuite() {
        suite = SHARED.suite();
        traces = SHARED.traces();
        suite.awaitEveryInstanceReady(Duration.ofMinutes(3));
        nodeA = suite.url("gateway-service");
        nodeB = suite.url("gateway-service-2");
        api = new SuiteApi(nodeA);
    }
}
