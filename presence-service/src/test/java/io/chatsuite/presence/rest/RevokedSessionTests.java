package io.chatsuite.presence.rest;

import io.chatsuite.devstack.testing.LocalStackTestResource;
import io.chatsuite.devstack.testing.RevokedBeforeStart;
import io.chatsuite.devstack.testing.SessionRevocations;
import io.chatsuite.devstack.testing.TestTokenIssuer;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

/** A revoked session's unexpired access tokens are refused (issue 17): live, and replayed at start. */
@QuarkusTest
@WithTestResource(LocalStackTestResource.class)
@WithTestResource(TestTokenIssuer.class)
// Global: every test class of the module starts after the revocation, so this class shares their application
// instead of restarting it for a resource set of its own.
@WithTestResource(value = RevokedBeforeStart.class, scope = TestResourceScope.GLOBAL)
class RevokedSessionTests {

    private static final String PATH = "/api/presence?ids=00000000-0000-0000-0000-000000000001";

    @Test
    void aRevokedSessionIsRefusedWithinASecondAndTheUsersOtherSessionIsNot() {
        SessionRevocations.assertRevokedSessionRefused(PATH);
    }

    @Test
    void aSessionRevokedBeforeTheServiceStartedIsRefusedOnceItIsReady() {
        SessionRevocations.assertRevokedBeforeStartRefused(PATH);
    }
}
