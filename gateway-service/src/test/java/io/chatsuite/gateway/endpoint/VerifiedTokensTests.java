package io.chatsuite.gateway.endpoint;

import static org.assertj.core.api.Assertions.assertThat;

import io.chatsuite.gateway.session.VerifiedToken;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Issue 16 item 4: a token verified once is not verified again, but only that exact token and only until it expires. */
class VerifiedTokensTests {

    private final VerifiedTokens tokens = new VerifiedTokens();
    private final VerifiedToken alice = new VerifiedToken(UUID.randomUUID(), UUID.randomUUID(), 10_000);

    @Test
    void theSameTokenIsFoundUntilItExpires() {
        tokens.remember("header.payload.signature", alice);

        assertThat(tokens.find("header.payload.signature", 9_999)).isEqualTo(alice);
        assertThat(tokens.find("header.payload.signature", 10_000)).as("expired").isNull();
    }

    @Test
    void anyOtherTokenIsNotFoundEvenWithTheSameSignature() {
        tokens.remember("header.payload.signature", alice);

        assertThat(tokens.find("header.forged-payload.signature", 0)).isNull();
        assertThat(tokens.find("header.payload.signature ", 0)).isNull();
    }

    @Test
    void stayBoundedWhateverTheNumberOfTokens() {
        for (int i = 0; i < 10_000; i++) {
            tokens.remember("token-" + i, alice);
        }

        assertThat(tokens.find("token-9999", 0)).isEqualTo(alice);
        assertThat(tokens.find("token-0", 0)).as("emptied when full").isNull();
    }
}
