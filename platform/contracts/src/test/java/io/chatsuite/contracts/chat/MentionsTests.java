package io.chatsuite.contracts.chat;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MentionsTests {

    @Test
    void usernamesAreFoundLowerCasedOnceEachInOrder() {
        Mentions mentions = Mentions.in("@Bob and @ann_1, then @bob again. Thanks @carol.");
        assertThat(mentions.usernames()).containsExactly("bob", "ann_1", "carol");
        assertThat(mentions.room()).isFalse();
    }

    @Test
    void roomAndHereMentionEveryoneAndAreNoUsernames() {
        assertThat(Mentions.in("@here lunch?")).isEqualTo(new Mentions(java.util.Set.of(), true));
        Mentions both = Mentions.in("@room: @dave look");
        assertThat(both.room()).isTrue();
        assertThat(both.usernames()).containsExactly("dave");
    }

    @Test
    void emailAddressesCodeAndShortNamesMentionNobody() {
        assertThat(Mentions.in("write to ann@example.com")).isEqualTo(Mentions.NONE);
        assertThat(Mentions.in("run `@bob` or\n```\n@room\n```")).isEqualTo(Mentions.NONE);
        assertThat(Mentions.in("@al is too short, @@bob doubled")).isEqualTo(Mentions.NONE);
        assertThat(Mentions.in(null)).isEqualTo(Mentions.NONE);
        assertThat(Mentions.in("@" + "x".repeat(33))).isEqualTo(Mentions.NONE);
    }

    @Test
    void punctuationAroundAMentionIsNotPartOfIt() {
        assertThat(Mentions.in("(@bob) hi @ann-, @eve.").usernames()).containsExactly("bob", "ann", "eve");
    }
}
