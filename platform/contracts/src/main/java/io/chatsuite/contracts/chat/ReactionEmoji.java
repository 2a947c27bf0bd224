package io.chatsuite.contracts.chat;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The one rule for a reaction's emoji, applied by the gateway (and again by chat-service for records from elsewhere):
 * exactly one grapheme cluster (so a skin tone, a ZWJ family or a flag is one reaction) of at most
 * {@value #MAX_LENGTH} UTF-16 units, that contains an emoji code point: a pictograph (the Extended_Pictographic
 * blocks), a regional indicator (flags) or the keycap mark U+20E3. Letters, digits alone, punctuation, text and
 * {@code :name:} shortcodes are refused. The emoji is stored and compared exactly as sent (no normalization), so
 * clients should send what their picker shows.
 */
public final class ReactionEmoji {

    /** Long enough for the longest standard sequences (families, tagged flags). */
    public static final int MAX_LENGTH = 32;

    private static final Pattern ONE_GRAPHEME = Pattern.compile("\\X");

    private ReactionEmoji() {
    }

    /** Why the text is not a reaction emoji (a message for the client), or empty when it is one. */
    public static Optional<String> refusal(String emoji) {
        if (emoji == null || emoji.isEmpty()) {
            return Optional.of("must be one emoji");
        }
        if (emoji.length() > MAX_LENGTH) {
            return Optional.of("must be one emoji, at most " + MAX_LENGTH + " UTF-16 units");
        }
        if (!ONE_GRAPHEME.matcher(emoji).matches() || emoji.codePoints().noneMatch(ReactionEmoji::isEmojiCodePoint)) {
            return Optional.of("must be exactly one emoji, such as \uD83D\uDC4D");
        }
        return Optional.empty();
    }

    private static boolean isEmojiCodePoint(int c) {
        return c == 0x00A9 || c == 0x00AE || c == 0x203C || c == 0x2049 || c == 0x2122 || c == 0x2139
                || (c >= 0x2194 && c <= 0x21AA) || (c >= 0x231A && c <= 0x23FF) || c == 0x24C2
                || (c >= 0x25AA && c <= 0x25FE) || (c >= 0x2600 && c <= 0x27BF) || (c >= 0x2934 && c <= 0x2935)
                || (c >= 0x2B05 && c <= 0x2B55) || c == 0x3030 || c == 0x303D || c == 0x3297 || c == 0x3299
                || c == 0x20E3 || (c >= 0x1F000 && c <= 0x1FAFF);
    }
}
