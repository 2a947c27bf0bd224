package io.chatsuite.kit.tracing;

import static org.assertj.core.api.Assertions.assertThat;

import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The Kafka connector traces records only when the OpenTelemetry SDK is on. */
class KafkaTracingDefaultTests {

    @Test
    void withTheSdkOffTheConnectorBuildsNoTracePerRecord() {
        assertThat(connectorTracing(Map.of(KafkaTracingDefault.SDK_DISABLED, "${OTEL_SDK_DISABLED_UNSET:true}")))
                .isEqualTo("false");
    }

    @Test
    void withTheSdkOnTheConnectorTracesAsBefore() {
        assertThat(connectorTracing(Map.of(KafkaTracingDefault.SDK_DISABLED, "false"))).isEqualTo("true");
        assertThat(connectorTracing(Map.of(KafkaTracingDefault.SDK_DISABLED, "true",
                "%test." + KafkaTracingDefault.SDK_DISABLED, "false"))).isEqualTo("true");
        assertThat(connectorTracing(Map.of())).isEqualTo("true");
    }

    @Test
    void aServiceMaySetTheConnectorItself() {
        assertThat(connectorTracing(Map.of(KafkaTracingDefault.SDK_DISABLED, "true",
                KafkaTracingDefault.CONNECTOR_TRACING, "true"))).isEqualTo("true");
    }

    private static String connectorTracing(Map<String, String> properties) {
        SmallRyeConfig config = new SmallRyeConfigBuilder()
                .addDefaultInterceptors()
                .withProfile("test")
                .withSources(new PropertiesConfigSource(properties, "application.properties", 250))
                .withSources(new KafkaTracingDefault())
                .build();
        return config.getRawValue(KafkaTracingDefault.CONNECTOR_TRACING);
    }
}
