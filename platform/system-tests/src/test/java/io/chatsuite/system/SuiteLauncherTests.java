package io.chatsuite.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SuiteLauncherTests {

    @TempDir
    Path data;

    @Test
    void runsEveryServiceStopsEverythingOnCtrlCAndKeepsDataAcrossARestart() throws Exception {
        try (RunningSuite suite = RunningSuite.launch(data)) {
            for (String service : RunningSuite.SERVICES) {
                HttpResponse<String> readiness = suite.get(service, "/q/health/ready");
                assertThat(readiness.statusCode()).as(service + " readiness").isEqualTo(200);
                assertThat(readiness.body()).as(service + " readiness").contains("\"status\": \"UP\"");
            }
            try (Connection auth = connect(suite, "auth")) {
                auth.createStatement().execute("CREATE TABLE restart_probe (note text)");
                auth.createStatement().execute("INSERT INTO restart_probe VALUES ('written before the restart')");
            }
            List<ProcessHandle> processes = suite.processTree();
            assertThat(processes).hasSizeGreaterThan(8);

            suite.interrupt();

            await("every process gone after Ctrl-C").atMost(Duration.ofSeconds(10))
                    .until(() -> processes.stream().noneMatch(ProcessHandle::isAlive));
        }

        try (RunningSuite restarted = RunningSuite.launch(data);
             Connection auth = connect(restarted, "auth");
             ResultSet rows = auth.createStatement().executeQuery("SELECT note FROM restart_probe")) {
            assertThat(rows.next()).isTrue();
            assertThat(rows.getString(1)).isEqualTo("written before the restart");
        }
    }

    @Test
    void leavesNoProcessBehindWhenTheLauncherIsKilled() throws Exception {
        try (RunningSuite suite = RunningSuite.launch(data)) {
            List<ProcessHandle> processes = suite.processTree();

            suite.kill();

            await("every process gone after kill -9 of the launcher").atMost(Duration.ofSeconds(30))
                    .until(() -> processes.stream().noneMatch(ProcessHandle::isAlive));
        }
    }

    private static Connection connect(RunningSuite suite, String database) throws Exception {
        return DriverManager.getConnection("jdbc:postgresql://" + suite.setting("POSTGRES_HOST") + ":"
                        + suite.setting("POSTGRES_PORT") + "/" + database,
                suite.setting("POSTGRES_USER"), suite.setting("POSTGRES_PASSWORD"));
    }
}
