package io.chatsuite.system;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole suite as production runs it, with two gateway nodes (messages cross nodes through Redis), started by the
 * launcher once for a test class and stopped after it. Test classes run one after another, so the shared statics
 * always belong to the class that is running.
 */
abstract class TwoGatewaySuite {

    @TempDir
    static Path data;

    static RunningSuite suite;
    static SuiteApi api;
    static String nodeA;
    static String nodeB;

    @BeforeAll
    static void startTheSuiteWithTwoGateways() throws Exception {
        suite = RunningSuite.launch(data, "--gateways", "2");
        nodeA = suite.url("gateway-service");
        nodeB = suite.url("gateway-service-2");
        api = new SuiteApi(nodeA);
    }

    @AfterAll
    static void stopTheSuite() throws Exception {
        if (suite != null) {
            suite.close();
        }
    }
}
