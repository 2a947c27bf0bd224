package io.chatsuite.contracts.chat;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ReactionEmojiTests {

    @ParameterizedTest
    @ValueSource(strings = {"👍", "👍🏽", "👨‍👩‍👧‍👦", "🇫🇷", "1️⃣", "❤️", "❤", "🏴‍☠️", "🎉", "😂", "🏴󠁧󠁢󠁳󠁣󠁴󠁿", "✅"})
    void oneEmojiGraphemeIsAReaction(String emoji) {
        assertThat(ReactionEmoji.refusal(emoji)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "a", "1", "#", "👍👍", "👍 ", ":+1:", ":thumbsup:", "ok", "é", "\u0000", "\uD83D"})
    void anythingElseIsRefused(String text) {
        assertThat(ReactionEmoji.refusal(text)).isPresent();
    }

    @org.junit.jupiter.api.Test
    void nullAndOverlongAreRefused() {
        assertThat(ReactionEmoji.refusal(null)).isPresent();
        assertThat(ReactionEmoji.refusal("👍" + "\u200D👍".repeat(20))).isPresent();
    }
}
