package io.chatsuite.contracts.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;
import org.junit.jupiter.api.Test;

class SessionFrameTests {

    @Test
    void aFrameForOneSessionReadsBackWithItsSessionAndAnythingElseIsForEverySession() {
        UUID session = UUID.randomUUID();
        String traced = TracedFrame.wrap("00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01", "{\"type\":\"ack\"}");

        SessionFrame read = SessionFrame.read(SessionFrame.wrap(session, traced));

        assertThat(read).isEqualTo(new SessionFrame(session, traced));
        assertThat(TracedFrame.read(read.published()).frame()).isEqualTo("{\"type\":\"ack\"}");
        assertThat(SessionFrame.wrap(null, "{\"type\":\"ack\"}")).isEqualTo("{\"type\":\"ack\"}");
        assertThat(SessionFrame.read("{\"type\":\"event\",\"event\":{}}").sessionId()).isNull();
        assertThat(SessionFrame.read("{\"session\":\"not-a-uuid-but-thirty-six-characters!\",\"frame\":{}}")
                .sessionId()).isNull();
    }
}
