package io.chatsuite.gateway.command;

import static org.assertj.core.api.Assertions.assertThat;

import io.chatsuite.gateway.command.CommandRateLimiter.Verdict;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class CommandRateLimiterTests {

    private final SteppedClock clock = new SteppedClock();
    private final NodeBacklog backlog = new NodeBacklog(
            Settings.backlog(1000, Duration.ofMillis(500)), clock);
    // The documented defaults: 20 a second, bursts of 40, closed past 100 refusals in ten seconds.
    private final CommandRateLimiter limiter = new CommandRateLimiter(Settings.limits(20, 40, 100), clock, backlog);
    private final UUID user = UUID.randomUUID();

    @Test
    void aClientWithinTheRateIsAlwaysAllowed() {
        for (int i = 0; i < 1_000; i++) {
            clock.advance(Duration.ofMillis(60));
            assertThat(limiter.take(user)).isEqualTo(Verdict.ALLOWED);
        }
    }

    @Test
    void aBurstAboveTheBucketIsRefusedAndAFloodIsAbusive() {
        List<Verdict> verdicts = new ArrayList<>();
        for (int i = 0; i < 141; i++) {
            verdicts.add(limiter.take(user));
        }
        assertThat(verdicts.subList(0, 40)).containsOnly(Verdict.ALLOWED);
        assertThat(verdicts.subList(40, 140)).containsOnly(Verdict.REFUSED);
        assertThat(verdicts.get(140)).isEqualTo(Verdict.ABUSIVE);
    }

    @Test
    void theBucketRefillsAtTheSustainedRate() {
        for (int i = 0; i < 40; i++) {
            limiter.take(user);
        }
        assertThat(limiter.take(user)).isEqualTo(Verdict.REFUSED);
        clock.advance(Duration.ofMillis(100));
        assertThat(limiter.take(user)).isEqualTo(Verdict.ALLOWED);
        assertThat(limiter.take(user)).isEqualTo(Verdict.ALLOWED);
        assertThat(limiter.take(user)).isEqualTo(Verdict.REFUSED);
    }

    @Test
    void whileKafkaIsNotKeepingUpEveryFrameIsTurnedAwayWithoutCountingAgainstTheClient() {
        for (int i = 0; i < 1_001; i++) {
            backlog.sendStarted();
        }
        List<Verdict> turnedAway = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            turnedAway.add(limiter.take(user));
        }
        assertThat(turnedAway).containsOnly(Verdict.BEHIND);

        backlog.sendSettled();
        List<Verdict> after = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            after.add(limiter.take(user));
        }
        assertThat(after).as("a full bucket: nothing was taken or counted while behind").containsOnly(Verdict.ALLOWED);
    }

    @Test
    void afterAStallTheClientsBucketStillDecidesButBunchedFramesAreNotCountedAgainstIt() {
        // A client pacing itself at 15 a second; the node stalls for three seconds, then reads its frames at once.
        backlog.lagObserved(3_000);
        List<Verdict> bunched = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            bunched.add(limiter.take(user));
        }
        assertThat(bunched.subList(0, 40)).as("the stall refuses nothing the bucket allows")
                .containsOnly(Verdict.ALLOWED);
        assertThat(bunched.subList(40, 300)).as("over the bucket: retry later, never rate limited")
                .containsOnly(Verdict.BEHIND);

        // Past the ten-second abuse window.
        for (int i = 0; i < 101; i++) {
            clock.advance(Duration.ofMillis(100));
            backlog.lagObserved(5);
        }
        List<Verdict> ownBurst = new ArrayList<>();
        for (int i = 0; i < 141; i++) {
            ownBurst.add(limiter.take(user));
        }
        assertThat(ownBurst.subList(0, 40)).containsOnly(Verdict.ALLOWED);
        assertThat(ownBurst.subList(40, 140)).as("long after the stall, its burst is its own")
                .containsOnly(Verdict.REFUSED);
        assertThat(ownBurst.get(140)).isEqualTo(Verdict.ABUSIVE);
    }

    @Test
    void usersHaveTheirOwnBuckets() {
        for (int i = 0; i < 40; i++) {
            limiter.take(user);
        }
        assertThat(limiter.take(user)).isEqualTo(Verdict.REFUSED);
        assertThat(limiter.take(UUID.randomUUID())).isEqualTo(Verdict.ALLOWED);
    }
}
