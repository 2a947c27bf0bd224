package io.chatsuite.kit.consumer;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.util.Locale;
import java.util.function.Supplier;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.jboss.logging.Logger;

/**
 * Applies one Kafka record so that one bad record never stops a consumer and an outage never loses a good one.
 *
 * <ul>
 *   <li>A {@link FailureKind#TRANSIENT} failure (a store unreachable, a pool closed, a timeout) is retried with a
 *   doubling back-off capped at {@code chatsuite.consumer.max-back-off}, for as long as it takes: the record's
 *   partition waits, nothing is skipped.</li>
 *   <li>A {@link FailureKind#DATA} failure is retried {@code chatsuite.consumer.data-error-retries} times, then the
 *   record is logged with its topic, partition and offset, counted in {@code chatsuite.dead.letters} (tagged by
 *   channel) and failed with {@link DeadLetteredRecord}: the channel's {@code dead-letter-queue} failure strategy
 *   moves it to the dead-letter topic and the consumer goes on with the next record.</li>
 *   <li>While the service shuts down the record is left unacknowledged (its offset uncommitted), so the next start
 *   reads it again instead of dead-lettering it because the pool is closing.</li>
 * </ul>
 */
@ApplicationScoped
public class RecordRetry {

    private static final Logger LOG = Logger.getLogger(RecordRetry.class);
    static final String DEAD_LETTERS = "chatsuite.dead.letters";
    static final String RETRIES = "chatsuite.consumer.retries";

    private final RecordRetryConfig config;
    private final MeterRegistry metrics;
    private volatile boolean stopping;

    public RecordRetry(RecordRetryConfig config, MeterRegistry metrics) {
        this.config = config;
        this.metrics = metrics;
    }

    void stop(@Observes ShutdownEvent shutdown) {
        stopping = true;
    }

    /** The work's result once it succeeded, or a {@link DeadLetteredRecord} failure when the record is poison. */
    public <T> Uni<T> apply(String channel, ConsumerRecord<?, ?> record, Supplier<Uni<T>> work) {
        return attempt(channel, coordinates(record), work, true, 0, 0);
    }

    /** As {@link #apply}, for a record known by its coordinates only (one record of a batch). */
    public <T> Uni<T> apply(String channel, String coordinates, Supplier<Uni<T>> work) {
        return attempt(channel, coordinates, work, true, 0, 0);
    }

    /**
     * Retries outages like {@link #apply} but hands a data error back at its first occurrence, uncounted: for a
     * batch, whose caller then applies its records one by one to find the poison.
     */
    public <T> Uni<T> throughOutages(String channel, String coordinates, Supplier<Uni<T>> work) {
        return attempt(channel, coordinates, work, false, 0, 0);
    }

    /** "topic-partition@offset", the way the Kafka tools name a record. */
    public static String coordinates(ConsumerRecord<?, ?> record) {
        return record.topic() + "-" + record.partition() + "@" + record.offset();
    }

    /** Counts and logs a record that goes to the dead-letter topic by another path than {@link #apply}. */
    public void deadLettered(String channel, String coordinates, Throwable cause) {
        LOG.errorf("Record %s of channel %s cannot be applied and goes to the dead-letter topic: %s", coordinates,
                channel, cause.toString());
        metrics.counter(DEAD_LETTERS, "channel", channel).increment();
    }

    private <T> Uni<T> attempt(String channel, String coordinates, Supplier<Uni<T>> work, boolean deadLetter,
                               int tries, int dataErrors) {
        return Uni.createFrom().<T>deferred(work::get).onFailure().recoverWithUni(failure -> {
            if (stopping) {
                LOG.infof("Record %s of channel %s left for the next start: %s", coordinates, channel, failure);
                return Uni.createFrom().nothing();
            }
            FailureKind kind = FailureKind.of(failure);
            if (kind == FailureKind.DATA && !deadLetter) {
                return Uni.createFrom().failure(failure);
            }
            int data = kind == FailureKind.DATA ? dataErrors + 1 : dataErrors;
            if (kind == FailureKind.DATA && data > config.dataErrorRetries()) {
                deadLettered(channel, coordinates, failure);
                return Uni.createFrom().failure(new DeadLetteredRecord(
                        "record " + coordinates + " of channel " + channel + " failed " + data + " times", failure));
            }
            metrics.counter(RETRIES, "channel", channel, "kind", kind.name().toLowerCase(Locale.ROOT)).increment();
            Duration pause = backOff(tries);
            LOG.warnf("Record %s of channel %s failed (%s, %s); trying again in %d ms", coordinates, channel,
                    kind, failure.toString(), pause.toMillis());
            return Uni.createFrom().voidItem().onItem().delayIt().by(pause)
                    .chain(() -> attempt(channel, coordinates, work, deadLetter, tries + 1, data));
        });
    }

    private Duration backOff(int tries) {
        Duration pause = config.firstBackOff().multipliedBy(1L << Math.min(tries, 20));
        return pause.compareTo(config.maxBackOff()) > 0 ? config.maxBackOff() : pause;
    }
}
