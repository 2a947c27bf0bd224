package io.chatsuite.chat.service;

import io.chatsuite.chat.config.ChatConfig;
import io.chatsuite.chat.repository.AttachmentRepository;
import io.chatsuite.chat.repository.AttachmentRepository.RemovableAttachment;
import io.chatsuite.chat.storage.ObjectStore;
import io.quarkus.scheduler.Scheduled;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * Removes the bytes of deleted attachments (their message was deleted, their upload never posted in time, or never
 * finished; an avatar no longer its uploader's picture after the same time) from the object store, then their rows. They are unreachable from the moment they are marked; this only
 * frees the space. Idempotent, so replicas running it at once do no harm. Runs on a worker thread (blocking store).
 */
@ApplicationScoped
public class AttachmentJanitor {

    private static final Logger LOG = Logger.getLogger(AttachmentJanitor.class);
    private static final int BATCH = 200;
    /** An upload whose bytes have not reached the store after this long has failed. */
    private static final Duration UNFINISHED = Duration.ofHours(1);

    private final Pool pool;
    private final AttachmentRepository attachments;
    private final ObjectStore store;
    private final ChatConfig.Attachments config;
    private final Clock clock;

    public AttachmentJanitor(Pool pool, AttachmentRepository attachments, ObjectStore store, ChatConfig config,
                             Clock clock) {
        this.pool = pool;
        this.attachments = attachments;
        this.store = store;
        this.config = config.attachments();
        this.clock = clock;
    }

    @Scheduled(every = "${chat.attachments.janitor-interval}", delayed = "5s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void sweep() {
        Instant now = clock.instant();
        pool.withTransaction(tx -> attachments.expireUnposted(tx, now.minus(config.unpostedLifetime()), now)
                        .chain(() -> attachments.retireAvatars(tx, now.minus(config.unpostedLifetime()), now))
                        .chain(() -> attachments.abandonUnstored(tx, now.minus(UNFINISHED), now)))
                .await().indefinitely();
        List<RemovableAttachment> removable;
        do {
            removable = pool.withConnection(c -> attachments.removable(c, BATCH)).await().indefinitely();
            for (RemovableAttachment attachment : removable) {
                try {
                    if (attachment.hasThumbnail()) {
                        store.delete(AttachmentService.thumbnailKey(attachment.id()));
                    }
                    store.delete(AttachmentService.objectKey(attachment.id()));
                } catch (IOException e) {
                    LOG.warnf("attachment %s could not be removed from the store yet: %s", attachment.id(),
                            e.getMessage());
                    return;
                }
                pool.withConnection(c -> attachments.forget(c, attachment.id())).await().indefinitely();
            }
        } while (removable.size() == BATCH);
    }
}
