package io.chatsuite.gateway.shutdown;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class DrainScheduleTests {

    private static final Duration WINDOW = Duration.ofSeconds(10);
    private static final Duration MIN_INTERVAL = Duration.ofMillis(100);

    @Test
    void fewSocketsGoOneByOneSpreadOverTheWindow() {
        assertThat(DrainSchedule.plan(4, WINDOW, MIN_INTERVAL)).isEqualTo(new DrainSchedule(4, 1, 2_500));
    }

    @Test
    void manySocketsGoInBatchesNoCloserThanTheMinimumInterval() {
        DrainSchedule schedule = DrainSchedule.plan(10_001, WINDOW, MIN_INTERVAL);
        assertThat(schedule.batches()).isEqualTo(100);
        assertThat(schedule.batchSize()).isEqualTo(101);
        assertThat(schedule.intervalMillis()).isEqualTo(100);
        assertThat((long) schedule.batches() * schedule.batchSize()).isGreaterThanOrEqualTo(10_001);
    }

    @Test
    void roundingNeverLeavesAnEmptyBatch() {
        DrainSchedule schedule = DrainSchedule.plan(150, WINDOW, MIN_INTERVAL);
        assertThat((long) (schedule.batches() - 1) * schedule.batchSize()).isLessThan(150);
        assertThat(schedule.intervalMillis() * (schedule.batches() - 1)).isLessThan(WINDOW.toMillis());
    }

    @Test
    void oneSocketOrNoneGoesAtOnce() {
        assertThat(DrainSchedule.plan(1, WINDOW, MIN_INTERVAL)).isEqualTo(new DrainSchedule(1, 1, 0));
        assertThat(DrainSchedule.plan(0, WINDOW, MIN_INTERVAL).batches()).isZero();
    }
}
