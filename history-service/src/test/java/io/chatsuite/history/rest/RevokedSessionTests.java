package io.chatsuite.history.rest;

import static org.assertj.core.api.Assertions.assertThat;

import io.chatsuite.devstack.testing.LocalStackTestResource;
import io.chatsuite.devstack.testing.RevokedBeforeStart;
import io.chatsuite.devstack.testing.SessionRevocations;
import io.chatsuite.devstack.testing.TestTokenIssuer;
import io.chatsuite.kit.token.RememberingJwtParser;
import io.quarkus.arc.ClientProxy;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.jwt.auth.principal.JWTParser;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

/** A revoked session's unexpired access tokens are refused (issue 17): live, and replayed at start. */
@QuarkusTest
@WithTestResource(LocalStackTestResource.class)
@WithTestResource(TestTokenIssuer.class)
// Global: every test class of the module starts after the revocation, so this class shares their application
// instead of restarting it for a resource set of its own.
@WithTestResource(value = RevokedBeforeStart.class, scope = TestResourceScope.GLOBAL)
class RevokedSessionTests {

    private static final String PATH = "/api/history/conversations";

    @Inject
    JWTParser parser;

    @Test
    void requestsAreVerifiedByTheParserThatRemembersTokens() {
        // So the revocation tests here also show that a remembered token is refused once its session is revoked.
        assertThat(ClientProxy.unwrap(parser)).isInstanceOf(RememberingJwtParser.class);
    }

    @Test
    void aRevokedSessionIsRefusedWithinASecondAndTheUsersOtherSessionIsNot() {
        SessionRevocations.assertRevokedSessionRefused(PATH);
    }

    @Test
    void aSessionRevokedBeforeTheServiceStartedIsRefusedOnceItIsReady() {
        SessionRevocations.assertRevokedBeforeStartRefused(PATH);
    }
}
