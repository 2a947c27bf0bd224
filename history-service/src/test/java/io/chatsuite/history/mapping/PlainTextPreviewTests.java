package io.chatsuite.history.mapping;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PlainTextPreviewTests {

    @Test
    void markersOfTheMarkdownSubsetAreRemoved() {
        assertThat(PlainTextPreview.of("**bold** and *it* and _it2_ and `x<y`", "markdown", 140))
                .isEqualTo("bold and it and it2 and x<y");
        assertThat(PlainTextPreview.of("see [the **site**](https://example.org/a?b=1) now", "markdown", 140))
                .isEqualTo("see the site now");
        assertThat(PlainTextPreview.of("[click](javascript:alert(1))", "MARKDOWN", 140)).isEqualTo("click)");
    }

    @Test
    void textThatOnlyLooksLikeMarkupStaysAsTyped() {
        assertThat(PlainTextPreview.of("snake_case_name and 2 * 3 * 4", "markdown", 140))
                .isEqualTo("snake_case_name and 2 * 3 * 4");
        assertThat(PlainTextPreview.of("a ** b", "markdown", 140)).isEqualTo("a ** b");
        assertThat(PlainTextPreview.of("\\*not italic\\*", "markdown", 140)).isEqualTo("*not italic*");
        assertThat(PlainTextPreview.of("<b>tags</b> are text", "markdown", 140)).isEqualTo("<b>tags</b> are text");
        assertThat(PlainTextPreview.of("https://example.org/x_y_z", "markdown", 140)).isEqualTo("https://example.org/x_y_z");
    }

    @Test
    void plainMessagesKeepTheirMarkers() {
        assertThat(PlainTextPreview.of("**not bold**", "plain", 140)).isEqualTo("**not bold**");
    }

    @Test
    void lineBreaksBecomeSpacesAndTheCutKeepsSurrogatePairsWhole() {
        assertThat(PlainTextPreview.of("first line\n\n  second `line`\n", "markdown", 140))
                .isEqualTo("first line second line");
        assertThat(PlainTextPreview.of("ab😀cd", "markdown", 3)).isEqualTo("ab");
        assertThat(PlainTextPreview.of("**" + "x".repeat(200) + "**", "markdown", 140)).hasSize(140);
    }

    @Test
    void aDeletedMessageHasNoPreview() {
        assertThat(PlainTextPreview.of(null, "markdown", 140)).isNull();
    }
}
