package io.chatsuite.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Each service's images run as a non-root user, expose the service's port and check its readiness. */
class DockerfilesTests {

    @Test
    void everyServiceHasJvmAndNativeImagesThatRunUnprivilegedWithAHealthcheck() throws Exception {
        for (String service : ProjectFiles.SERVICES) {
            String port = httpPort(service);
            for (String flavour : List.of("Dockerfile.jvm", "Dockerfile.native")) {
                Path file = ProjectFiles.resolve(service + "/src/main/docker/" + flavour);
                String dockerfile = Files.readString(file);
                String what = service + " " + flavour;
                assertThat(lastUser(dockerfile)).as(what + " ends as a non-root user").isNotIn("root", "0", "");
                assertThat(dockerfile).as(what).contains("EXPOSE " + port)
                        .contains("HEALTHCHECK")
                        .contains("http://localhost:" + port + "/q/health/ready");
            }
        }
    }

    private static String httpPort(String service) throws Exception {
        Matcher port = Pattern.compile("(?m)^quarkus\\.http\\.port=(\\d+)$")
                .matcher(Files.readString(ProjectFiles.resolve(service + "/src/main/resources/application.properties")));
        assertThat(port.find()).as(service + " sets quarkus.http.port").isTrue();
        return port.group(1);
    }

    private static String lastUser(String dockerfile) {
        Matcher user = Pattern.compile("(?m)^USER\\s+(\\S+)").matcher(dockerfile);
        String last = "";
        while (user.find()) {
            last = user.group(1);
        }
        return last;
    }
}
