package io.chatsuite.history.listener;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.smallrye.mutiny.Uni;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class StoreRetryTests {

    private final StoreRetry retry = new StoreRetry(3, Duration.ofMillis(1));

    @Test
    void retriesAPassingFailureUntilTheRecordIsStored() {
        AtomicInteger attempts = new AtomicInteger();
        Uni<Void> flaky = Uni.createFrom().item(attempts::incrementAndGet)
                .chain(attempt -> attempt < 3 ? Uni.createFrom().failure(new IllegalStateException("database away"))
                        : Uni.createFrom().voidItem());

        retry.store(flaky, "a record").await().atMost(Duration.ofSeconds(5));

        assertThat(attempts).hasValue(3);
    }

    @Test
    void aLastingFailureReachesTheChannelInsteadOfBeingSwallowed() {
        AtomicInteger attempts = new AtomicInteger();
        Uni<Void> broken = Uni.createFrom().item(attempts::incrementAndGet)
                .chain(attempt -> Uni.createFrom().failure(new IllegalStateException("constraint violated")));

        assertThatThrownBy(() -> retry.store(broken, "a record").await().atMost(Duration.ofSeconds(5)))
                .hasMessageContaining("constraint violated");
        assertThat(attempts).as("the first try and three retries").hasValue(4);
    }
}
