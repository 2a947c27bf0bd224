package io.chatsuite.contracts.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class MembersFrameTests {

    private static final String FRAME = "{\"type\":\"event\",\"event\":{\"body\":\"],\\\"frame\\\":\"}}";

    @Test
    void aFrameForManyUsersReadsBackWithEveryRecipientInOrderAndTheFrameUntouched() {
        List<UUID> members = Stream.generate(UUID::randomUUID).limit(1000).toList();
        String traced = TracedFrame.wrap("00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01", FRAME);

        MembersFrame read = MembersFrame.read(MembersFrame.wrap(members, traced));

        assertThat(read).isEqualTo(new MembersFrame(members, traced));
        assertThat(TracedFrame.read(read.published()).frame()).isEqualTo(FRAME);
        assertThat(MembersFrame.read(MembersFrame.wrap(List.of(members.get(0)), FRAME)))
                .isEqualTo(new MembersFrame(List.of(members.get(0)), FRAME));
        assertThat(MembersFrame.read(MembersFrame.wrap(List.of(), FRAME))).isEqualTo(new MembersFrame(List.of(), FRAME));
    }

    @Test
    void anythingButTheEnvelopeIsNotReadAsOne() {
        UUID user = UUID.randomUUID();
        assertThat(MembersFrame.read(FRAME)).isNull();
        assertThat(MembersFrame.read("{\"to\":[\"not-a-uuid-but-thirty-six-characters!\"],\"frame\":{}}")).isNull();
        assertThat(MembersFrame.read("{\"to\":[\"" + user + "\"]}")).isNull();
        assertThat(MembersFrame.read("{\"to\":[\"" + user + "\";\"" + user + "\"],\"frame\":{}}")).isNull();
        assertThat(MembersFrame.read("{\"to\":[\"" + user)).isNull();
    }
}
