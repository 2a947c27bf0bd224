package io.chatsuite.kit.tracing;

import io.smallrye.config.ConfigSourceContext;
import io.smallrye.config.ConfigSourceFactory;
import io.smallrye.config.ConfigValue;
import io.smallrye.config.PropertiesConfigSource;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import org.eclipse.microprofile.config.spi.ConfigSource;

/**
 * Turns the Kafka connector's own tracing off when the OpenTelemetry SDK is off ({@code quarkus.otel.sdk.disabled},
 * the default). The connector traces every record by default: for each one consumed it reads the headers, builds a
 * trace description and starts and ends a consumer span, and for each one produced it does the same and writes a
 * traceparent header, even though nothing is exported. With the SDK on, the connector traces as before. A channel
 * or the connector may still set {@code tracing-enabled} itself: this is only the default (a low ordinal).
 */
public class KafkaTracingDefault implements ConfigSourceFactory {

    static final String SDK_DISABLED = "quarkus.otel.sdk.disabled";
    static final String CONNECTOR_TRACING = "mp.messaging.connector.smallrye-kafka.tracing-enabled";
    /** Below microprofile-config.properties (100) and application.properties (250). */
    static final int ORDINAL = 50;

    @Override
    public Iterable<ConfigSource> getConfigSources(ConfigSourceContext context) {
        ConfigValue disabled = context.getValue(SDK_DISABLED);
        // Quarkus' own default for the property is false: the SDK is on unless a service turns it off.
        boolean tracing = disabled == null || disabled.getValue() == null
                || !Boolean.parseBoolean(disabled.getValue().trim());
        return List.of(new PropertiesConfigSource(Map.of(CONNECTOR_TRACING, Boolean.toString(tracing)),
                "chatsuite-kafka-tracing-default", ORDINAL));
    }

    @Override
    public OptionalInt getPriority() {
        return OptionalInt.of(ORDINAL);
    }
}
