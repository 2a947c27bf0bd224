package io.chatsuite.contracts.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class NodeAnswerTests {

    @Test
    void aNodesAnswersReadBackInOrderWithTheirUsersSessionsAndFramesUntouched() {
        UUID user = UUID.randomUUID();
        UUID laptop = UUID.randomUUID();
        UUID phone = UUID.randomUUID();
        List<NodeAnswer> answers = List.of(
                new NodeAnswer(user, laptop, "{\"type\":\"ack\",\"id\":\"c-1\",\"seq\":7}"),
                new NodeAnswer(user, phone, TracedFrame.wrap("00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01",
                        "{\"type\":\"error\",\"id\":\"c-1\",\"message\":\"two\\nlines\"}")),
                new NodeAnswer(UUID.randomUUID(), UUID.randomUUID(), "{\"type\":\"ack\",\"id\":\"x\"}"));

        assertThat(NodeAnswer.read(NodeAnswer.wrap(answers))).isEqualTo(answers);
        assertThat(NodeAnswer.read(NodeAnswer.wrap(List.of()))).isEmpty();
    }

    @Test
    void aLineThatIsNotAnAnswerIsLeftOutAndAFrameWithALineBreakIsNeverWritten() {
        UUID user = UUID.randomUUID();
        UUID session = UUID.randomUUID();
        String good = user + "" + session + "{\"type\":\"ack\",\"id\":\"ok\"}";

        assertThat(NodeAnswer.read("hello\nnot-a-uuid-but-thirty-six-characters!" + session + "{}\n" + good))
                .containsExactly(new NodeAnswer(user, session, "{\"type\":\"ack\",\"id\":\"ok\"}"));
        assertThatThrownBy(() -> NodeAnswer.wrap(List.of(new NodeAnswer(user, session, "{\n}"))))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
