package io.chatsuite.kit.token;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** A token verified once is not verified again, but only that exact token and only until it expires. */
class VerifiedTokenCacheTests {

    private final VerifiedTokenCache<String> tokens = new VerifiedTokenCache<>(4096);

    @Test
    void theSameTokenIsFoundUntilItExpires() {
        tokens.remember("header.payload.signature", "alice", 10_000);

        assertThat(tokens.find("header.payload.signature", 9_999)).isEqualTo("alice");
        assertThat(tokens.find("header.payload.signature", 10_000)).as("expired").isNull();
    }

    @Test
    void anyOtherTokenIsNotFoundEvenWithTheSameSignature() {
        tokens.remember("header.payload.signature", "alice", 10_000);

        assertThat(tokens.find("header.forged-payload.signature", 0)).isNull();
        assertThat(tokens.find("header.payload.signature ", 0)).isNull();
    }

    @Test
    void staysBoundedWhateverTheNumberOfTokens() {
        for (int i = 0; i < 10_000; i++) {
            tokens.remember("token-" + i, "alice", 10_000);
        }

        assertThat(tokens.find("token-9999", 0)).isEqualTo("alice");
        assertThat(tokens.find("token-0", 0)).as("emptied when full").isNull();
    }
}
