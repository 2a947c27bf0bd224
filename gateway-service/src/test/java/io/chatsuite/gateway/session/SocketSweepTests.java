package io.chatsuite.gateway.session;

import static org.assertj.core.api.Assertions.assertThat;

import io.chatsuite.devstack.testing.LocalStackTestResource;
import io.chatsuite.devstack.testing.TestTokenIssuer;
import io.chatsuite.gateway.StalledClient;
import io.chatsuite.gateway.TestSocket;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.vertx.core.Vertx;
import jakarta.inject.Inject;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Issue 16 item 2: one sweep pings every socket and closes the peers that answer nothing (with short intervals). The
 * HTTP idle timeout, shorter than a ping interval here, would close both sockets first if a socket still had it.
 */
@QuarkusTest
@WithTestResource(LocalStackTestResource.class)
@WithTestResource(TestTokenIssuer.class)
@TestProfile(SocketSweepTests.ShortPings.class)
class SocketSweepTests {

    public static final class ShortPings implements QuarkusTestProfile {

        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("gateway.sockets.ping-interval", "2s", "gateway.sockets.sweep-interval", "200ms",
                    "quarkus.http.idle-timeout", "1s");
        }
    }

    @TestHTTPResource("/")
    URI base;

    @Inject
    Vertx vertx;

    @Test
    void aPeerThatAnswersNoPingIsPingedThenClosedWhileOneThatAnswersStaysOpen() throws Exception {
        try (TestSocket answering = TestSocket.withToken(vertx, base,
                     TestTokenIssuer.tokenFor(UUID.randomUUID(), "answers"));
             StalledClient silent = StalledClient.connect(base,
                     TestTokenIssuer.tokenFor(UUID.randomUUID(), "silent"))) {
            StalledClient.Received received = silent.readUntilClosed(Duration.ofSeconds(60));

            assertThat(received.opcodes()).as("pinged, then closed").contains(StalledClient.Received.PING)
                    .endsWith(StalledClient.Received.CLOSE);
            assertThat(received.closeCode()).isEqualTo(CloseCodes.GOING_AWAY);
            // The Vert.x client answers every ping: three intervals passed for it too, and it is still open.
            answering.send("{\"type\":\"ping\",\"id\":\"still-here\"}");
            answering.awaitFrameWithId("still-here");
            assertThat(answering.isOpen()).isTrue();
        }
    }
}
