package io.chatsuite.loadgen;

import java.time.Duration;
import java.util.concurrent.locks.LockSupport;

/**
 * Issues work at a fixed rate on its own schedule, whatever the system under test does: the k-th send is due at
 * start + k/rate, and its latency is counted from that intended time. A stall therefore shows as latency of every
 * send it delayed (no coordinated omission), not as fewer samples.
 */
final class OpenLoop {

    interface Action {
        void at(long serial, long intendedNanos);
    }

    private OpenLoop() {
    }

    /** Runs {@code action} rate times a second for the duration, from this thread; answers how many it issued. */
    static long run(double ratePerSecond, Duration duration, Action action) {
        long start = System.nanoTime();
        long total = (long) (ratePerSecond * duration.toNanos() / 1e9);
        double interval = 1e9 / ratePerSecond;
        long issued = 0;
        while (issued < total) {
            long now = System.nanoTime();
            long due = Math.min(total, (long) ((now - start) / interval) + 1);
            while (issued < due) {
                action.at(issued, start + (long) (issued * interval));
                issued++;
            }
            long next = start + (long) (issued * interval);
            long wait = next - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(Math.min(wait, 1_000_000));
            }
        }
        return issued;
    }
}
