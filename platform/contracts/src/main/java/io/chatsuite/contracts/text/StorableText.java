package io.chatsuite.contracts.text;

import java.util.Optional;

/**
 * The one rule for user text the suite stores, applied at every edge (gateway frames, REST bodies and queries) so
 * that nothing is accepted that a store would refuse or change.
 *
 * <ul>
 *   <li>U+0000 is refused everywhere: PostgreSQL's {@code text} and {@code jsonb} cannot hold it (SQLSTATE 22021,
 *   22P05), so a record carrying it could never be stored downstream.</li>
 *   <li>An unpaired surrogate is refused everywhere: a Java string (and a JSON {@code \ud800} escape) can hold one,
 *   but it is no Unicode character, and encoding it as UTF-8 silently turns it into '?', so what is stored would
 *   differ from what was acknowledged.</li>
 *   <li>{@link Kind#LINE} (names, topics, display names, file names, search queries) also refuses every control
 *   character (C0, DEL, C1, which includes tab and line breaks) and the line and paragraph separators U+2028 and
 *   U+2029: such a value is shown on one line.</li>
 *   <li>{@link Kind#BODY} (message bodies) keeps line feed and tab and refuses every other control character.</li>
 * </ul>
 *
 * Everything else (any script, emoji, combining marks, format characters) is stored unchanged. Lengths are each
 * field's own rule.
 */
public final class StorableText {

    /** Where the text is shown, which decides which characters it may carry. */
    public enum Kind {
        /** A value shown on one line: a name, topic, display name, file name or search query. */
        LINE,
        /** A message body: may span lines and keep tabs. */
        BODY
    }

    private StorableText() {
    }

    /** Whether the text may be stored as a value of this kind; null is not text and is left to the caller. */
    public static boolean isStorable(String text, Kind kind) {
        return refusal(text, kind).isEmpty();
    }

    /** Why the text may not be stored as a value of this kind (a message for the client), or empty when it may. */
    public static Optional<String> refusal(String text, Kind kind) {
        if (text == null) {
            return Optional.empty();
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\u0000') {
                return Optional.of("must not contain U+0000");
            }
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
                continue;
            }
            if (Character.isSurrogate(c)) {
                return Optional.of("must not contain an unpaired surrogate (U+" + hex(c) + ")");
            }
            if (kind == Kind.LINE && (Character.isISOControl(c) || c == '\u2028' || c == '\u2029')) {
                return Optional.of("must not contain control characters or line breaks (U+" + hex(c) + ")");
            }
            if (kind == Kind.BODY && Character.isISOControl(c) && c != '\n' && c != '\t') {
                return Optional.of("must not contain control characters other than line feed and tab (U+" + hex(c)
                        + ")");
            }
        }
        return Optional.empty();
    }

    private static String hex(char c) {
        return String.format("%04X", (int) c);
    }
}
