package io.chatsuite.contracts.chat;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class GroupDirectMembersTests {

    private final UUID me = UUID.randomUUID();

    @Test
    void threeToNinePeopleYouIncludedAreAGroupDirectMessage() {
        assertThat(GroupDirectMembers.refusal(me, others(2))).isEmpty();
        assertThat(GroupDirectMembers.refusal(me, others(8))).isEmpty();
    }

    @Test
    void twoPeopleOrTenAreRefusedNamingTheField() {
        assertThat(GroupDirectMembers.refusal(me, others(1))).get()
                .extracting(GroupDirectMembers.Refusal::field).isEqualTo("userIds");
        assertThat(GroupDirectMembers.refusal(me, others(9))).get()
                .extracting(GroupDirectMembers.Refusal::field).isEqualTo("userIds");
        assertThat(GroupDirectMembers.refusal(me, null)).isPresent();
    }

    @Test
    void aUserNamedTwiceOrTheRequesterIsRefusedAtItsIndex() {
        List<UUID> twice = new ArrayList<>(others(2));
        twice.add(twice.get(0));
        assertThat(GroupDirectMembers.refusal(me, twice)).contains(
                new GroupDirectMembers.Refusal("userIds[2]", "names a user twice"));
        assertThat(GroupDirectMembers.refusal(me, List.of(UUID.randomUUID(), me)).orElseThrow().field())
                .isEqualTo("userIds[1]");
    }

    @Test
    void theKeyIsTheSameForTheSamePeopleInAnyOrder() {
        UUID a = UUID.randomUUID();
        UUID b = UUID.randomUUID();
        UUID c = UUID.randomUUID();
        assertThat(GroupDirectMembers.key(a, List.of(b, c))).isEqualTo(GroupDirectMembers.key(c, List.of(b, a)))
                .isNotEqualTo(GroupDirectMembers.key(a, List.of(b)));
    }

    private static List<UUID> others(int count) {
        return Stream.generate(UUID::randomUUID).limit(count).toList();
    }
}
