package io.chatsuite.auth.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.chatsuite.auth.TestUsers;
import org.junit.jupiter.api.Test;

class CommonPasswordsTests {

    private final CommonPasswords common = new CommonPasswords();

    @Test
    void shipsAtLeastAThousandEntries() {
        assertThat(common.size()).isGreaterThanOrEqualTo(1000);
    }

    @Test
    void recognisesCommonPasswordsIgnoringCase() {
        assertThat(common.contains("password1")).isTrue();
        assertThat(common.contains("Qwertyuiop")).isTrue();
        assertThat(common.contains("iloveyou1")).isTrue();
        assertThat(common.contains(TestUsers.PASSWORD)).isFalse();
    }
}
