package io.chatsuite.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import io.chatsuite.system.SuiteApi.Account;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SuiteLauncherTests {

    @TempDir
    Path data;

    /**
     * One test for the launcher's whole life cycle, because each start of the suite takes about a minute: it runs every
     * service, Ctrl-C stops everything, data survives a restart, and kill -9 of the launcher leaves nothing behind.
     */
    @Test
    void runsEveryServiceStopsOnCtrlCKeepsDataAcrossARestartAndLeavesNothingWhenKilled() throws Exception {
        Account ann;
        String direct;
        try (RunningSuite suite = RunningSuite.launch(data)) {
            for (String service : RunningSuite.SERVICES) {
                HttpResponse<String> readiness = suite.get(service, "/q/health/ready");
                assertThat(readiness.statusCode()).as(service + " readiness").isEqualTo(200);
                assertThat(readiness.body()).as(service + " readiness").contains("\"status\": \"UP\"");
            }
            SuiteApi api = new SuiteApi(suite.url("gateway-service"));
            ann = api.register("ann");
            Account ben = api.register("ben");
            direct = api.direct(ann, ben);
            try (ChatClient client = ChatClient.connect(suite.url("gateway-service"), ann.token())) {
                client.sendUntilAcked("before-restart", direct, "written before the restart");
            }
            List<ProcessHandle> processes = suite.processTree();
            assertThat(processes).hasSizeGreaterThan(8);

            suite.interrupt();

            // The launcher gives the services 5 s to stop, then Kafka 6 s (PostgreSQL, Redis and S3 beside it), and
            // kills what is left at each deadline: on a loaded machine the whole takes up to about 12 s.
            await("every process gone after Ctrl-C").atMost(Duration.ofSeconds(20))
                    .until(() -> processes.stream().noneMatch(ProcessHandle::isAlive));
        }

        try (RunningSuite restarted = RunningSuite.launch(data)) {
            SuiteApi api = new SuiteApi(restarted.url("gateway-service"));
            String token = api.login(ann);
            await("the message is in history after the restart").atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                    assertThat(api.call("GET", "/api/history/conversations/" + direct + "/messages", token, null, 200)
                            .path("messages").findValuesAsText("body")).containsExactly("written before the restart"));
            List<ProcessHandle> processes = restarted.processTree();

            restarted.kill();

            await("every process gone after kill -9 of the launcher").atMost(Duration.ofSeconds(30))
                    .until(() -> processes.stream().noneMatch(ProcessHandle::isAlive));
        }
    }
}
