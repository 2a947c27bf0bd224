package io.chatsuite.contracts.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TracedFrameTests {

    private static final String FRAME = "{\"type\":\"event\",\"event\":{\"type\":\"message.created\",\"body\":\"\\\"hi\\\"\"}}";
    private static final String TRACEPARENT = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";

    @Test
    void aTracedFrameIsEnvelopedAndReadBackExactly() {
        String published = TracedFrame.wrap(TRACEPARENT, FRAME);

        assertThat(published).isEqualTo("{\"traceparent\":\"" + TRACEPARENT + "\",\"frame\":" + FRAME + "}");
        assertThat(TracedFrame.read(published)).isEqualTo(new TracedFrame(TRACEPARENT, FRAME));
    }

    @Test
    void withoutATraceTheFrameIsPublishedBareAndReadAsItIs() {
        assertThat(TracedFrame.wrap(null, FRAME)).isSameAs(FRAME);
        assertThat(TracedFrame.read(FRAME)).isEqualTo(new TracedFrame(null, FRAME));
    }

    @Test
    void somethingThatOnlyLooksLikeAnEnvelopeIsLeftAlone() {
        String odd = "{\"traceparent\":\"x\"}";

        assertThat(TracedFrame.read(odd)).isEqualTo(new TracedFrame(null, odd));
    }
}
