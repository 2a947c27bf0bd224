package io.chatsuite.chat.service;

import io.chatsuite.chat.repository.TimelineRepository;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;

/**
 * Publishes events left behind by a crash between commit and publication (stored above their conversation's
 * watermark), for conversations that saw no traffic since. Busy conversations are healed sooner: a conversation's
 * next publisher sends what is pending below its own events first.
 */
@ApplicationScoped
public class OutboxRelay {

    // Younger events are still being flushed by whoever stored them.
    private static final Duration GRACE = Duration.ofSeconds(5);

    private final Pool pool;
    private final TimelineRepository timeline;
    private final ConversationOutbox outbox;
    private final Clock clock;

    public OutboxRelay(Pool pool, TimelineRepository timeline, ConversationOutbox outbox, Clock clock) {
        this.pool = pool;
        this.timeline = timeline;
        this.outbox = outbox;
        this.clock = clock;
    }

    @Scheduled(every = "${chat.outbox.relay-interval:5s}", delayed = "2s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> relayStale() {
        return pool.withConnection(connection -> timeline.staleUnpublished(connection, clock.instant().minus(GRACE)))
                .chain(conversations -> conversations.isEmpty()
                        ? Uni.createFrom().voidItem()
                        : Uni.join().all(conversations.stream().map(outbox::flush).toList())
                                .usingConcurrencyOf(4).andCollectFailures().replaceWithVoid());
    }
}
