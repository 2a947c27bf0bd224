package io.chatsuite.presence.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.smallrye.config.WithDefault;
import java.io.InputStream;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/** The service's own tests shorten the node timeout; production keeps the design's 30 s bound. */
class PresenceConfigTests {

    @Test
    void productionDeclaresADeadNodeWithinThirtySeconds() throws Exception {
        Properties properties = new Properties();
        try (InputStream in = getClass().getResourceAsStream("/application.properties")) {
            properties.load(in);
        }

        assertThat(properties.getProperty("presence.node-timeout")).isEqualTo("${PRESENCE_NODE_TIMEOUT:30s}");
        assertThat(properties.stringPropertyNames()).filteredOn(name -> name.endsWith("presence.node-timeout"))
                .containsExactlyInAnyOrder("presence.node-timeout", "%test.presence.node-timeout");
        assertThat(PresenceConfig.class.getMethod("nodeTimeout").getAnnotation(WithDefault.class).value())
                .isEqualTo("PT30S");
        assertThat(properties.getProperty("presence.flap-grace")).isEqualTo("${PRESENCE_FLAP_GRACE:5s}");
    }
}
