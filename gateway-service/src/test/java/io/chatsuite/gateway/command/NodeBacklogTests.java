package io.chatsuite.gateway.command;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class NodeBacklogTests {

    private final SteppedClock clock = new SteppedClock();
    private final NodeBacklog backlog = new NodeBacklog(
            Settings.backlog(3, Duration.ofMillis(500)), clock);

    @Test
    void aNodeKeepingUpIsNeitherBehindNorStalled() {
        for (int i = 0; i < 20; i++) {
            clock.advance(Duration.ofMillis(100));
            backlog.lagObserved(5);
        }
        assertThat(backlog.isBehind()).isFalse();
        assertThat(backlog.stalledWithin(10_000)).isFalse();
    }

    @Test
    void tooManyUnacknowledgedKafkaSendsMeanBehindUntilKafkaCatchesUp() {
        for (int i = 0; i < 3; i++) {
            backlog.sendStarted();
        }
        assertThat(backlog.isBehind()).as("at the bound").isFalse();
        backlog.sendStarted();
        assertThat(backlog.isBehind()).as("above it").isTrue();
        assertThat(backlog.stalledWithin(0)).as("frames queued meanwhile").isTrue();
        backlog.sendSettled();
        assertThat(backlog.isBehind()).isFalse();
    }

    @Test
    void aLateProbeIsAStallThatRefusesNothing() {
        backlog.lagObserved(800);
        assertThat(backlog.isBehind()).as("Kafka keeps up: commands still go on").isFalse();
        assertThat(backlog.stalledWithin(10_000)).isTrue();
    }

    @Test
    void aProbeThatHasNotRunForLongerThanTheLagBoundMeansStalledNow() {
        backlog.lagObserved(5);
        clock.advance(Duration.ofMillis(550));
        assertThat(backlog.stalledWithin(0)).as("within interval plus bound").isFalse();
        clock.advance(Duration.ofMillis(100));
        assertThat(backlog.stalledWithin(0)).as("overdue").isTrue();
        assertThat(backlog.isBehind()).isFalse();
    }

    @Test
    void remembersHavingStalledForAWhile() {
        backlog.lagObserved(800);
        clock.advance(Duration.ofSeconds(3));
        backlog.lagObserved(5);
        assertThat(backlog.stalledWithin(10_000)).isTrue();
        for (int i = 0; i < 80; i++) {
            clock.advance(Duration.ofMillis(100));
            backlog.lagObserved(5);
        }
        assertThat(backlog.stalledWithin(10_000)).isFalse();
    }

    @Test
    void aProbeThatNeverRanJudgesNothing() {
        clock.advance(Duration.ofMinutes(5));
        assertThat(backlog.stalledWithin(10_000)).isFalse();
    }
}
