package io.chatsuite.history.testing;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.Set;

/** An application of its own whose clock a test can move ({@link MovableClock}). */
public class MovableClockProfile implements QuarkusTestProfile {

    @Override
    public Set<Class<?>> getEnabledAlternatives() {
        return Set.of(MovableClock.class);
    }
}
