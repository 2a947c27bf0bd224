package io.chatsuite.loadgen;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;

/** Runs many asynchronous calls with a bound on how many are in flight, and waits for them from a plain thread. */
final class Bulk {

    private Bulk() {
    }

    /** Calls {@code task} for 0..count-1, at most {@code concurrency} at once; answers the results in order. */
    static <T> List<T> run(int count, int concurrency, IntFunction<Future<T>> task) {
        List<T> results = new ArrayList<>(Collections.nCopies(count, null));
        if (count == 0) {
            return results;
        }
        Promise<Void> all = Promise.promise();
        AtomicInteger next = new AtomicInteger();
        AtomicInteger done = new AtomicInteger();
        for (int lane = 0; lane < Math.min(concurrency, count); lane++) {
            startNext(next, done, count, task, results, all);
        }
        await(all.future(), Duration.ofMinutes(20));
        return results;
    }

    private static <T> void startNext(AtomicInteger next, AtomicInteger done, int count, IntFunction<Future<T>> task,
                                      List<T> results, Promise<Void> all) {
        int index = next.getAndIncrement();
        if (index >= count) {
            return;
        }
        task.apply(index).onComplete(result -> {
            if (result.failed()) {
                all.tryFail(result.cause());
                return;
            }
            synchronized (results) {
                results.set(index, result.result());
            }
            if (done.incrementAndGet() == count) {
                all.tryComplete();
            } else {
                startNext(next, done, count, task, results, all);
            }
        });
    }

    static <T> T await(Future<T> future, Duration timeout) {
        try {
            return future.toCompletionStage().toCompletableFuture().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException(e.getCause().getMessage(), e.getCause());
        } catch (java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException("no answer within " + timeout, e);
        }
    }
}
