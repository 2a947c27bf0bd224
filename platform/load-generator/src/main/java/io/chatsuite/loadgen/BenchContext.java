package io.chatsuite.loadgen;

import io.vertx.core.Vertx;
import java.io.IOException;
import java.util.List;

/** What a scenario works with: the target, the tool's clients, its users on that target and its options. */
record BenchContext(Target target, Vertx vertx, SocketDialer dialer, SuiteHttp http, UserPool users,
                    BenchOptions options) implements AutoCloseable {

    /** The clients for one target: HTTP through its first node, users kept in its data directory. */
    static BenchContext open(Target target, Vertx vertx, SocketDialer dialer, BenchOptions options)
            throws IOException {
        SuiteHttp http = new SuiteHttp(vertx, target.gateways().get(0).port());
        return new BenchContext(target, vertx, dialer, http, new UserPool(target.dataDirectory(), http), options);
    }

    List<Gateway> gateways() {
        return target.gateways();
    }

    TargetProcesses processes() {
        return target.processes();
    }

    @Override
    public void close() {
        http.close();
    }
}
