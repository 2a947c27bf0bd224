package io.chatsuite.devstack.testing;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;
import java.util.UUID;

/**
 * Revokes one session on user.events before the service under test starts (test resources start first), so a test
 * can show the service replays revocations it was not running for. Registered with global scope, so it runs before
 * every application of the module's tests and adds no application restart of its own.
 */
public class RevokedBeforeStart implements QuarkusTestResourceLifecycleManager {

    public static final UUID USER = UUID.randomUUID();
    public static final UUID SESSION = UUID.randomUUID();

    @Override
    public Map<String, String> start() {
        SessionRevocations.revoke(USER, SESSION);
        return Map.of();
    }

    @Override
    public void stop() {
        // The record stays on the topic; nothing to undo.
    }
}
