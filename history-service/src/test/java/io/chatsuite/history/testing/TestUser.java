package io.chatsuite.history.testing;

import io.chatsuite.devstack.testing.TestTokenIssuer;
import java.util.UUID;

/** A user of one test, new each time, with a valid access token. */
public record TestUser(UUID id, String username) {

    public static TestUser named(String name) {
        UUID id = UUID.randomUUID();
        return new TestUser(id, name + "-" + id.toString().substring(0, 8));
    }

    public String token() {
        return TestTokenIssuer.tokenFor(id, username);
    }
}
