package io.chatsuite.contracts.text;

import static org.assertj.core.api.Assertions.assertThat;

import io.chatsuite.contracts.text.StorableText.Kind;
import java.nio.charset.StandardCharsets;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;

/** The rule against arbitrary UTF-16, lone surrogates and control characters included. */
class StorableTextProperties {

    @Property(tries = 500)
    void storableTextSurvivesUtf8Unchanged(@ForAll("anyUtf16") String text) {
        boolean survives = new String(text.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8).equals(text);
        if (StorableText.isStorable(text, Kind.BODY)) {
            assertThat(survives).as("UTF-8 round trip of a storable text").isTrue();
            assertThat(text).doesNotContain("\u0000");
        }
        if (!survives) {
            assertThat(StorableText.isStorable(text, Kind.BODY)).isFalse();
            assertThat(StorableText.isStorable(text, Kind.LINE)).isFalse();
        }
    }

    @Property(tries = 500)
    void aStorableLineIsAStorableBodyOnOneLineWithoutControls(@ForAll("anyUtf16") String text) {
        if (StorableText.isStorable(text, Kind.LINE)) {
            assertThat(StorableText.isStorable(text, Kind.BODY)).isTrue();
            assertThat(text.chars().noneMatch(c -> Character.isISOControl(c) || c == '\u2028' || c == '\u2029'))
                    .isTrue();
        }
    }

    @Property(tries = 300)
    void everyCharacterOfAnyScriptIsKept(@ForAll("wellFormed") String text) {
        assertThat(StorableText.refusal(text, Kind.LINE)).isEmpty();
        assertThat(StorableText.refusal(text + "\n\tmore", Kind.BODY)).isEmpty();
    }

    @Property(tries = 200)
    void aRefusalSaysWhy(@ForAll("anyUtf16") String text) {
        StorableText.refusal(text, Kind.BODY).ifPresent(reason -> assertThat(reason).startsWith("must not contain"));
    }

    @Example
    void theCharactersThatStopAStoreAreRefusedEverywhere() {
        for (Kind kind : Kind.values()) {
            assertThat(StorableText.refusal("a\u0000b", kind)).contains("must not contain U+0000");
            assertThat(StorableText.refusal("half \uD83D emoji", kind))
                    .contains("must not contain an unpaired surrogate (U+D83D)");
            assertThat(StorableText.refusal("\uDE00 low first", kind)).isPresent();
            assertThat(StorableText.refusal("whole \uD83D\uDE00 emoji", kind)).isEmpty();
        }
        assertThat(StorableText.isStorable("two\nlines\tand a tab", Kind.BODY)).isTrue();
        assertThat(StorableText.isStorable("two\nlines", Kind.LINE)).isFalse();
        assertThat(StorableText.isStorable("tab\there", Kind.LINE)).isFalse();
        assertThat(StorableText.isStorable("bell\u0007", Kind.BODY)).isFalse();
        assertThat(StorableText.isStorable("cr\r", Kind.BODY)).isFalse();
        assertThat(StorableText.isStorable("next\u0085line", Kind.LINE)).isFalse();
        assertThat(StorableText.isStorable("para\u2029graph", Kind.LINE)).isFalse();
        assertThat(StorableText.isStorable(null, Kind.LINE)).isTrue();
    }

    /** Any UTF-16 code units, weighted towards the troublesome ones. */
    @Provide
    Arbitrary<String> anyUtf16() {
        Arbitrary<Character> chars = Arbitraries.frequencyOf(
                Tuple.of(5, Arbitraries.chars().all()),
                Tuple.of(3, Arbitraries.chars().range('\uD800', '\uDFFF')),
                Tuple.of(2, Arbitraries.chars().range('\u0000', '\u001F')),
                Tuple.of(1, Arbitraries.of('\u0000', '\u007F', '\u0085', '\u2028', '\u2029')),
                Tuple.of(5, Arbitraries.chars().alpha()));
        return chars.list().ofMaxSize(40).map(list -> {
            StringBuilder text = new StringBuilder();
            list.forEach(text::append);
            return text.toString();
        });
    }

    /** Well-formed text of any script (any code point that is not a control or a surrogate). */
    @Provide
    Arbitrary<String> wellFormed() {
        return Arbitraries.integers().between(0x20, 0x10FFFF)
                .filter(cp -> !Character.isISOControl(cp) && Character.getType(cp) != Character.SURROGATE
                        && cp != 0x2028 && cp != 0x2029)
                .list().ofMaxSize(30).map(cps -> {
                    StringBuilder text = new StringBuilder();
                    cps.forEach(text::appendCodePoint);
                    return text.toString();
                });
    }
}
