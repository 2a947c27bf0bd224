package io.chatsuite.auth.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chatsuite.problem.ProblemException;
import org.junit.jupiter.api.Test;

class DisplayNamesTests {

    @Test
    void trimsAndComposes() {
        assertThat(DisplayNames.normalize("  Zoe\u0301  ")).isEqualTo("Zo\u00e9");
    }

    @Test
    void acceptsAnyScriptUpToSixtyFourCharacters() {
        String longest = "😀".repeat(64);

        assertThat(DisplayNames.normalize(longest)).isEqualTo(longest);
        assertThat(DisplayNames.normalize("Łukasz Ωμέγα 李")).isEqualTo("Łukasz Ωμέγα 李");
    }

    @Test
    void refusesEmptyLongAndControlCharacters() {
        for (String refused : new String[] {"", " \t ", "😀".repeat(65), "a\u0000b", "a\u001bb", "a\u2029b",
                "half \uD83D", "\uDE00 low"}) {
            assertThatThrownBy(() -> DisplayNames.normalize(refused))
                    .isInstanceOfSatisfying(ProblemException.class, problem -> {
                        assertThat(problem.status()).isEqualTo(400);
                        assertThat(problem.errors()).extracting(e -> e.field()).containsExactly("displayName");
                    });
        }
    }
}
