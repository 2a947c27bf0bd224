package io.chatsuite.deploy;

import java.nio.file.Path;
import java.util.List;

/** Where the project's deployment files are, wherever the build runs from. */
final class ProjectFiles {

    static final List<String> SERVICES =
            List.of("gateway-service", "auth-service", "chat-service", "history-service", "presence-service");

    private ProjectFiles() {
    }

    static Path root() {
        return Path.of(System.getProperty("devstack.root", "../..")).toAbsolutePath().normalize();
    }

    static Path resolve(String relative) {
        return root().resolve(relative);
    }
}
