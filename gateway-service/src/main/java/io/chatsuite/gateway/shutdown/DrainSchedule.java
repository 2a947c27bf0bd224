package io.chatsuite.gateway.shutdown;

import java.time.Duration;

/**
 * When to close which sockets of a draining node: {@code batches} batches of at most {@code batchSize} sockets,
 * {@code intervalMillis} apart, the last one starting before the window ends.
 */
public record DrainSchedule(int batches, int batchSize, long intervalMillis) {

    public static DrainSchedule plan(int sockets, Duration window, Duration minInterval) {
        if (sockets <= 0) {
            return new DrainSchedule(0, 0, 0);
        }
        long slots = Math.max(1, window.toMillis() / Math.max(1, minInterval.toMillis()));
        int batches = (int) Math.min(sockets, slots);
        int batchSize = (sockets + batches - 1) / batches;
        // Recount: rounding the batch size up can leave the last batches empty.
        batches = (sockets + batchSize - 1) / batchSize;
        return new DrainSchedule(batches, batchSize, batches == 1 ? 0 : window.toMillis() / batches);
    }
}
