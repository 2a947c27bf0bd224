package io.chatsuite.contracts.chat;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The type header names an event the way its payload does, read without building the event. */
class ChatEventHeadersTests {

    private final ObjectMapper mapper = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    @Test
    void theTypeOfAPayloadIsTheNameItsClassIsWrittenWith() throws Exception {
        UUID room = UUID.randomUUID();
        Instant at = Instant.parse("2026-11-22T10:15:30.123Z");
        ChatEvent created = new MessageCreated(room, 7, at, UUID.randomUUID(), UUID.randomUUID(), "c-1", "hi",
                MessageFormat.PLAIN, null, List.of());
        ChatEvent joined = new MemberJoined(room, 8, at, UUID.randomUUID(), UUID.randomUUID(), MemberRole.MEMBER);

        assertThat(ChatEventHeaders.typeOf(mapper.writeValueAsString(created)))
                .isEqualTo(ChatEventHeaders.typeName(MessageCreated.class)).isEqualTo("message.created");
        assertThat(ChatEventHeaders.typeOf(mapper.writeValueAsString(joined)))
                .isEqualTo(ChatEventHeaders.typeName(MemberJoined.class)).isEqualTo("member.joined");
    }

    @Test
    void theTypeIsFoundAfterOtherFieldsAndNestedValues() {
        assertThat(ChatEventHeaders.typeOf("{\"v\":1,\"members\":[{\"type\":\"x\"}],\"type\":\"member.left\"}"))
                .isEqualTo("member.left");
    }

    @Test
    void aPayloadWithoutAReadableTypeHasNone() {
        assertThat(ChatEventHeaders.typeOf("not json")).isNull();
        assertThat(ChatEventHeaders.typeOf("[1,2]")).isNull();
        assertThat(ChatEventHeaders.typeOf("{\"v\":1}")).isNull();
        assertThat(ChatEventHeaders.typeOf("{\"type\":7}")).isNull();
    }
}
