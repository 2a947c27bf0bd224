package io.chatsuite.devstack.testing;

import java.util.List;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Tuple;

/**
 * Arbitrary user text for property-based tests of every text field (issue 17): any UTF-16 code units, weighted
 * towards what breaks stores and screens (U+0000, lone surrogates, C0 and C1 controls, line and paragraph
 * separators, bidi overrides), mixed with ordinary letters and whole emoji. Usable inside @QuarkusTest methods
 * through {@link #samples}, since jqwik's own engine does not run Quarkus tests.
 */
public final class HostileText {

    private HostileText() {
    }

    /** Strings of up to {@code maxLength} code units. */
    public static Arbitrary<String> strings(int maxLength) {
        Arbitrary<String> pieces = Arbitraries.frequencyOf(
                Tuple.of(4, Arbitraries.chars().all().map(String::valueOf)),
                Tuple.of(2, Arbitraries.chars().range('\uD800', '\uDFFF').map(String::valueOf)),
                Tuple.of(2, Arbitraries.chars().range('\u0000', '\u001F').map(String::valueOf)),
                Tuple.of(1, Arbitraries.of("\u0000", "\u007F", "\u0085", "\u2028", "\u2029", "\u202E", "\uFEFF")),
                Tuple.of(1, Arbitraries.of("\uD83D\uDE00", "\u00E9", "\u4E2D\u6587", "\u0915\u094D")),
                Tuple.of(6, Arbitraries.strings().alpha().numeric().withChars(' ', '.', '-').ofMinLength(1)
                        .ofMaxLength(6)));
        return pieces.list().ofMaxSize(Math.max(1, maxLength / 3)).map(list -> String.join("", list))
                .filter(text -> text.length() <= maxLength);
    }

    /** A fixed number of generated strings, for a plain JUnit (Quarkus) test; the first ones are the edge cases. */
    public static List<String> samples(int maxLength, int count) {
        List<String> edges = List.of("", " ", "plain", "\u0000", "a\u0000b", "\uD83D", "x\uDE00", "\uD83D\uDE00",
                "line\nbreak", "tab\tstop", "\u2028", "\u0085", "\u0007bell");
        return Stream.concat(edges.stream(), strings(maxLength).sampleStream().limit(count))
                .filter(text -> text.length() <= maxLength).toList();
    }

    /**
     * A JSON string literal with everything outside printable ASCII written as a \\u escape, so that a lone
     * surrogate reaches a service's JSON reader as such (UTF-8 encoding would have turned it into '?' on the way).
     */
    public static String asJsonString(String text) {
        StringBuilder json = new StringBuilder("\"");
        for (char c : text.toCharArray()) {
            if (c >= 0x20 && c < 0x7F && c != '"' && c != '\\') {
                json.append(c);
            } else {
                json.append(String.format("\\u%04x", (int) c));
            }
        }
        return json.append('"').toString();
    }
}
