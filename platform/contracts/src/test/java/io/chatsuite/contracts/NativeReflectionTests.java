package io.chatsuite.contracts;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every payload type is registered for reflection in a native executable (Jackson reads and writes them
 * reflectively, and the services serialize them by hand, where Quarkus cannot see them): a type added here without
 * its entry in META-INF/native-image/.../reflect-config.json would fail only in a native build, far from here.
 */
class NativeReflectionTests {

    private static final String CONFIG = "/META-INF/native-image/io.chatsuite/contracts/reflect-config.json";

    @Test
    void everyContractTypeIsRegisteredForReflection() throws Exception {
        Set<String> registered = new HashSet<>();
        try (InputStream config = NativeReflectionTests.class.getResourceAsStream(CONFIG)) {
            assertThat(config).as(CONFIG).isNotNull();
            new ObjectMapper().readTree(config).forEach(entry -> registered.add(entry.path("name").asText()));
        }
        assertThat(registered).containsAll(compiledContractTypes());
    }

    private static List<String> compiledContractTypes() throws URISyntaxException, java.io.IOException {
        Path classes = Path.of(Topic.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        try (Stream<Path> files = Files.walk(classes)) {
            List<String> names = files.map(classes::relativize).map(Path::toString)
                    .filter(name -> name.endsWith(".class") && !name.contains("$$"))
                    .map(name -> name.substring(0, name.length() - ".class".length()).replace('/', '.'))
                    .toList();
            assertThat(names).as("contract classes found under " + classes).hasSizeGreaterThan(30);
            return names;
        }
    }
}
