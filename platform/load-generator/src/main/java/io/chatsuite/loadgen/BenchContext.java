package io.chatsuite.loadgen;

import io.vertx.core.Vertx;
import java.util.List;

/** What a scenario works with: the suite, the tool's clients, its users and its options. */
record BenchContext(TargetSuite suite, Vertx vertx, SocketDialer dialer, SuiteHttp http, UserPool users,
                    BenchOptions options) {

    List<TargetSuite.Gateway> gateways() {
        return suite.gateways();
    }

    SuiteProcesses processes() {
        return SuiteProcesses.find(suite);
    }
}
