package io.chatsuite.history.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.chatsuite.history.api.SearchPage.Snippet;
import io.chatsuite.history.api.SearchPage.TextRange;
import org.junit.jupiter.api.Test;

class SearchTextTests {

    @Test
    void indexesWordsLowerCasedAndCjkRunsAsOverlappingPairs() {
        assertThat(SearchText.document("Meet me in 北京大学, OK?")).isEqualTo("meet me in 北京 京大 大学 ok");
        assertThat(SearchText.document("好 idea")).isEqualTo("好 idea");
        assertThat(SearchText.document("東京でコーヒー")).isEqualTo("東京 京で でコ コー ーヒ ヒー");
        assertThat(SearchText.document("사랑해요")).isEqualTo("사랑 랑해 해요");
        assertThat(SearchText.document("𠀀𠀁𠀂")).as("characters beyond the BMP").isEqualTo("𠀀𠀁 𠀁𠀂");
    }

    @Test
    void queriesQuoteEveryTermSoNothingTypedBecomesAnOperator() {
        assertThat(SearchText.query("Report -draft OR \"final\"")).isEqualTo("\"report\" \"draft\" \"or\" \"final\"");
        assertThat(SearchText.query("北京大学 report")).isEqualTo("\"北京 京大 大学\" \"report\"");
        assertThat(SearchText.query("!!! ...")).isEmpty();
    }

    @Test
    void snippetsMarkEveryMatchByOffsetsAndCutAroundTheFirst() {
        Snippet whole = SearchText.snippet("Report: the report 北京 and 北京大学", "REPORT 北京", 160);
        assertThat(whole.text()).isEqualTo("Report: the report 北京 and 北京大学");
        assertThat(whole.highlights()).containsExactly(new TextRange(0, 6), new TextRange(12, 18),
                new TextRange(19, 21), new TextRange(26, 28));

        Snippet cut = SearchText.snippet("x ".repeat(100) + "needle" + " y".repeat(100), "needle", 40);
        assertThat(cut.text()).hasSize(40);
        assertThat(cut.text().substring(cut.highlights().get(0).start(), cut.highlights().get(0).end()))
                .isEqualTo("needle");
    }

    @Test
    void snippetsNeverSplitASurrogatePair() {
        String body = "😀".repeat(50) + " needle " + "😀".repeat(50);

        Snippet cut = SearchText.snippet(body, "needle", 41);

        assertThat(Character.isLowSurrogate(cut.text().charAt(0))).isFalse();
        assertThat(Character.isHighSurrogate(cut.text().charAt(cut.text().length() - 1))).isFalse();
        assertThat(cut.highlights()).hasSize(1);
    }
}
