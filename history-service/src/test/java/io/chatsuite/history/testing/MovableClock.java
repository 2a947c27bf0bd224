package io.chatsuite.history.testing;

import jakarta.enterprise.inject.Alternative;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * The service's clock in tests: the system's, until a test moves it on, so "until a time" can be tested at that time
 * without waiting for it. A test that moves it puts it back ({@link #reset}). Enabled only in the application of
 * {@link MovableClockProfile}: a moved clock also ages what the service remembers by time, such as the session
 * revocations it replayed at start, which the module's other test classes rely on.
 */
@Alternative
@Singleton
public class MovableClock extends Clock {

    private volatile Duration offset = Duration.ZERO;

    public void moveOn(Duration by) {
        offset = offset.plus(by);
    }

    public void reset() {
        offset = Duration.ZERO;
    }

    @Override
    public Instant instant() {
        return Instant.now().plus(offset);
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }
}
