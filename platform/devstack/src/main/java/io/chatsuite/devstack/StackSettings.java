package io.chatsuite.devstack;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * Where the local stack keeps its data and which parts are provided from outside.
 *
 * @param dataDirectory    durable state of PostgreSQL, Redis and Kafka, plus logs; reused across restarts
 * @param binaryCache      where unpacked server binaries are cached between runs
 * @param configuration    settings that name external infrastructure (POSTGRES_HOST, REDIS_URL,
 *                         KAFKA_BOOTSTRAP_SERVERS, ...); a part named here is used, not started
 */
public record StackSettings(Path dataDirectory, Path binaryCache, Map<String, String> configuration) {

    public StackSettings {
        dataDirectory = dataDirectory.toAbsolutePath();
        binaryCache = binaryCache.toAbsolutePath();
        configuration = Map.copyOf(configuration);
    }

    /** Settings for a data directory, taking external infrastructure from system properties, then environment. */
    public static StackSettings forDataDirectory(Path dataDirectory) {
        Map<String, String> configuration = new java.util.HashMap<>();
        for (String name : ServiceEnvironment.EXTERNAL_SETTINGS) {
            String value = System.getProperty(name, System.getenv(name));
            if (value != null && !value.isBlank()) {
                configuration.put(name, value);
            }
        }
        Path cache = Path.of(System.getProperty("java.io.tmpdir"), "chatsuite-binaries");
        return new StackSettings(dataDirectory, cache, configuration);
    }

    public Optional<String> configured(String name) {
        return Optional.ofNullable(configuration.get(name));
    }

    public Path logDirectory() {
        return dataDirectory.resolve("logs");
    }
}
