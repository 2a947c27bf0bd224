package io.chatsuite.devstack.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** How many instances of each service the launcher is asked for, and the mistakes it refuses before starting any. */
class LaunchOptionsTests {

    @Test
    void oneOfEachServiceByDefault() {
        LaunchOptions options = LaunchOptions.parse(new String[] {"up"});

        assertThat(options.gateways()).isEqualTo(1);
        assertThat(options.chatServices()).isEqualTo(1);
    }

    @Test
    void chatServiceReplicasAreCountedApartFromGatewayNodes() {
        LaunchOptions options = LaunchOptions.parse(new String[] {"up", "--chat-services", "2", "--gateways", "3"});

        assertThat(options.chatServices()).isEqualTo(2);
        assertThat(options.gateways()).isEqualTo(3);
    }

    @Test
    void aReplicaCountMustBeOneToNine() {
        assertThatThrownBy(() -> LaunchOptions.parse(new String[] {"--chat-services", "0"}))
                .hasMessage("--chat-services needs a number from 1 to 9");
        assertThatThrownBy(() -> LaunchOptions.parse(new String[] {"--chat-services", "two"}))
                .hasMessage("--chat-services needs a number from 1 to 9");
        assertThatThrownBy(() -> LaunchOptions.parse(new String[] {"--chat-services"}))
                .hasMessage("--chat-services needs a number from 1 to 9");
        assertThatThrownBy(() -> LaunchOptions.parse(new String[] {"--gateways", "10"}))
                .hasMessage("--gateways needs a number from 1 to 9");
    }

    @Test
    void theUsageNamesTheOption() {
        assertThat(LaunchOptions.USAGE).contains("--chat-services N");
    }
}
