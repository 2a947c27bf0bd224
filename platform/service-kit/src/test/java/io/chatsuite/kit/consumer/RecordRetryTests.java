package io.chatsuite.kit.consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonParseException;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.smallrye.mutiny.Uni;
import io.vertx.sqlclient.DatabaseException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

class RecordRetryTests {

    private final SimpleMeterRegistry metrics = new SimpleMeterRegistry();
    private final RecordRetry retry = new RecordRetry(new RecordRetryConfig() {
        @Override
        public int dataErrorRetries() {
            return 3;
        }

        @Override
        public Duration firstBackOff() {
            return Duration.ofMillis(1);
        }

        @Override
        public Duration maxBackOff() {
            return Duration.ofMillis(5);
        }
    }, metrics);
    private final ConsumerRecord<String, String> record = new ConsumerRecord<>("chat.events", 2, 41L, "k", "v");

    @Test
    void anOutageIsWaitedOutHoweverLongItLastsAndNeverDeadLetters() {
        AtomicInteger tries = new AtomicInteger();
        Uni<String> work = retry.apply("chat-events", record, () -> tries.incrementAndGet() < 40
                ? Uni.createFrom().failure(new IllegalStateException("Pool closed"))
                : Uni.createFrom().item("stored"));

        assertThat(work.await().atMost(Duration.ofSeconds(10))).isEqualTo("stored");
        assertThat(tries).hasValue(40);
        assertThat(metrics.find("chatsuite.dead.letters").counter()).isNull();
        assertThat(metrics.get("chatsuite.consumer.retries").tag("kind", "transient").counter().count()).isEqualTo(39);
    }

    @Test
    void aDataErrorIsTriedAFewTimesThenDeadLetteredAndCounted() {
        AtomicInteger tries = new AtomicInteger();
        Uni<Void> work = retry.apply("chat-events", record, () -> {
            tries.incrementAndGet();
            return Uni.createFrom().failure(sqlState("22P05"));
        });

        assertThatThrownBy(() -> work.await().atMost(Duration.ofSeconds(10)))
                .isInstanceOf(DeadLetteredRecord.class).hasMessageContaining("chat.events-2@41")
                .hasCauseInstanceOf(DatabaseException.class);
        assertThat(tries).as("the first try and three retries").hasValue(4);
        assertThat(metrics.get("chatsuite.dead.letters").tag("channel", "chat-events").counter().count())
                .isEqualTo(1);
    }

    @Test
    void aThrowingReaderIsADataErrorToo() {
        Uni<Void> work = retry.apply("user-events", record, () -> {
            throw new IllegalArgumentException("unreadable", new JsonParseException(null, "not json"));
        });

        assertThatThrownBy(() -> work.await().atMost(Duration.ofSeconds(10))).isInstanceOf(DeadLetteredRecord.class);
    }

    @Test
    void aBatchGetsItsDataErrorBackAtOnceUncounted() {
        AtomicInteger tries = new AtomicInteger();
        Uni<Void> work = retry.throughOutages("commands", "chat.commands-0@1 and 3 more", () -> {
            tries.incrementAndGet();
            return Uni.createFrom().failure(sqlState("22001"));
        });

        assertThatThrownBy(() -> work.await().atMost(Duration.ofSeconds(10))).isInstanceOf(DatabaseException.class);
        assertThat(tries).hasValue(1);
        assertThat(metrics.find("chatsuite.dead.letters").counter()).isNull();
    }

    @Test
    void onlyTheRecordsOwnFaultsAreDataErrors() {
        assertThat(FailureKind.of(sqlState("22021"))).isEqualTo(FailureKind.DATA);
        assertThat(FailureKind.of(sqlState("23505"))).isEqualTo(FailureKind.DATA);
        assertThat(FailureKind.of(new RuntimeException("wrapped", sqlState("22P05")))).isEqualTo(FailureKind.DATA);
        assertThat(FailureKind.of(sqlState("08006"))).as("connection failure").isEqualTo(FailureKind.TRANSIENT);
        assertThat(FailureKind.of(sqlState("57P01"))).as("admin shutdown").isEqualTo(FailureKind.TRANSIENT);
        assertThat(FailureKind.of(sqlState("40001"))).as("serialization failure").isEqualTo(FailureKind.TRANSIENT);
        assertThat(FailureKind.of(new IllegalStateException("Pool closed"))).isEqualTo(FailureKind.TRANSIENT);
        assertThat(FailureKind.of(new java.util.concurrent.TimeoutException())).isEqualTo(FailureKind.TRANSIENT);
    }

    private static DatabaseException sqlState(String state) {
        return new DatabaseException("refused", 0, state) {
        };
    }
}
