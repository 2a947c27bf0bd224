package io.chatsuite.chat.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.chatsuite.chat.repository.ConversationRepository;
import io.chatsuite.chat.repository.StoredEvent;
import io.chatsuite.chat.repository.TimelineRepository;
import io.chatsuite.chat.repository.TimelineRepository.Watermark;
import io.chatsuite.contracts.chat.ChatEvent;
import io.chatsuite.contracts.chat.ConversationDeleted;
import io.chatsuite.contracts.chat.MemberLeft;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * Moves stored events to Kafka, then to the members, in seq order per conversation.
 *
 * <p>Whoever stored events publishes them: a command batch all of its conversations at once, from memory; a REST call
 * or the relay (after a crash) one conversation, read back from PostgreSQL. A publisher holds a PostgreSQL advisory
 * lock per conversation (taken in a fixed order), so publications of one conversation never interleave, on any
 * replica, and Kafka sees each conversation in seq order. What Kafka acknowledged is recorded as the conversation's
 * watermark ({@code published_seq}); the events above it are published by the next publisher of the conversation,
 * before its own.
 */
@ApplicationScoped
public class ConversationOutbox {

    private static final Logger LOG = Logger.getLogger(ConversationOutbox.class);
    // A backlog (after an outage) is read back and sent a chunk at a time, within the producer's buffer.
    private static final int CHUNK = 1000;

    private final Pool pool;
    private final TimelineRepository timeline;
    private final ConversationRepository conversations;
    private final EventPublisher events;
    private final FrameDelivery delivery;
    private final ObjectMapper json;

    public ConversationOutbox(Pool pool, TimelineRepository timeline, ConversationRepository conversations,
                              EventPublisher events, FrameDelivery delivery, ObjectMapper json) {
        this.pool = pool;
        this.timeline = timeline;
        this.conversations = conversations;
        this.events = events;
        this.delivery = delivery;
        this.json = json;
    }

    /** Publishes and delivers every pending event of the conversation; completes once Kafka holds them all. */
    public Uni<Void> flush(UUID conversationId) {
        EventTraces traces = EventTraces.current();
        return publish(Map.of(), Map.of(conversationId, Long.MAX_VALUE), traces)
                .chain(published -> deliver(published, traces));
    }

    /**
     * Publishes a batch's events: {@code stored} from memory (each conversation's in seq order, as the batch stored
     * them), and before them whatever of the same conversations is still below; for {@code awaited} conversations
     * (a retried command's), whatever is pending up to the given seq. Completes, with every event it published, once
     * Kafka acknowledged them all: an ack needs no more. The watermarks are recorded and the locks released after that,
     * on the same connection, so the next publisher of these conversations still waits for them (and finds the
     * watermarks recorded); if recording fails, it sends the events above the old watermark again (consumers apply an
     * event once by its seq).
     */
    public Uni<List<StoredEvent>> publish(Map<UUID, List<StoredEvent>> stored, Map<UUID, Long> awaited,
                                          EventTraces traces) {
        Set<UUID> touched = new TreeSet<>(Comparator.comparingLong(ConversationOutbox::lockKey)
                .thenComparing(Comparator.naturalOrder()));
        touched.addAll(stored.keySet());
        touched.addAll(awaited.keySet());
        if (touched.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        UUID[] ids = touched.toArray(UUID[]::new);
        Long[] lockKeys = touched.stream().map(ConversationOutbox::lockKey).distinct().toArray(Long[]::new);
        return Uni.createFrom().emitter(onKafka -> pool.withConnection(connection -> Uni.combine().all().unis(
                                // Sent together (the connection pipelines them), run one after the other: the
                                // watermarks are read after every lock is held.
                                timeline.lockPublication(connection, lockKeys), timeline.watermarks(connection, ids))
                        .with((locked, marks) -> marks)
                        .chain(marks -> publishLocked(connection, ids, marks, stored, awaited, traces))
                        .invoke(onKafka::complete)
                        .call(published -> timeline.recordPublishedAndUnlock(connection, ids,
                                publishedUpTo(ids, published), lockKeys).onFailure().invoke(failure -> LOG.warnf(
                                        "Watermarks of %d conversations not recorded (%s): their next publisher sends"
                                                + " these events again", ids.length, failure.toString())))
                        // Nothing recorded: the next publisher of these conversations sends what is pending again.
                        .onFailure().call(() -> timeline.unlockPublication(connection, lockKeys)))
                // A failure after Kafka's acknowledgement changes nothing for the caller, answered already.
                .subscribe().with(recorded -> { }, onKafka::fail));
    }

    private Uni<List<StoredEvent>> publishLocked(SqlConnection connection, UUID[] ids, Map<UUID, Watermark> marks,
                                                 Map<UUID, List<StoredEvent>> stored, Map<UUID, Long> awaited,
                                                 EventTraces traces) {
        List<StoredEvent> published = new ArrayList<>();
        Map<UUID, Long> sentUpTo = new HashMap<>();
        // First what is pending below this batch's events (rare: a REST call's not yet published, or a crash's).
        Uni<Void> backlog = Multi.createFrom().items(ids).onItem().transformToUniAndConcatenate(id -> {
            Watermark mark = marks.get(id);
            if (mark == null) {
                return Uni.createFrom().voidItem();
            }
            List<StoredEvent> ours = stored.getOrDefault(id, List.of());
            long target = Math.min(mark.lastSeq(), ours.isEmpty() ? awaited.getOrDefault(id, Long.MAX_VALUE)
                    : ours.get(0).seq() - 1);
            sentUpTo.put(id, mark.publishedSeq());
            return catchUp(connection, id, mark.publishedSeq(), target, traces, published, sentUpTo);
        }).collect().last().replaceWithVoid();
        return backlog.chain(() -> {
            List<Uni<Void>> sends = new ArrayList<>();
            stored.forEach((id, ours) -> ours.forEach(event -> {
                // Someone else (a REST call's flush) may have published it already, between our commit and our lock.
                if (event.seq() > sentUpTo.getOrDefault(id, Long.MAX_VALUE)) {
                    sends.add(events.publish(id, event.payload(), traces.of(id, event.seq())));
                    published.add(event);
                }
            }));
            return sends.isEmpty() ? Uni.createFrom().voidItem() : Uni.join().all(sends).andFailFast().replaceWithVoid();
        }).replaceWith(published);
    }

    private Uni<Void> catchUp(SqlConnection connection, UUID id, long after, long upTo, EventTraces traces,
                              List<StoredEvent> published, Map<UUID, Long> sentUpTo) {
        if (after >= upTo) {
            return Uni.createFrom().voidItem();
        }
        return timeline.events(connection, id, after, upTo, CHUNK).chain(pending -> {
            if (pending.isEmpty()) {
                return Uni.createFrom().voidItem();
            }
            // Sent in seq order on one producer: with idempotence on, Kafka keeps that order within the partition.
            List<Uni<Void>> sends = pending.stream()
                    .map(event -> events.publish(id, event.payload(), traces.of(id, event.seq()))).toList();
            long last = pending.get(pending.size() - 1).seq();
            return Uni.join().all(sends).andFailFast().chain(() -> {
                published.addAll(pending);
                sentUpTo.put(id, last);
                return pending.size() == CHUNK ? catchUp(connection, id, last, upTo, traces, published, sentUpTo)
                        : Uni.createFrom().voidItem();
            });
        });
    }

    private static Long[] publishedUpTo(UUID[] ids, List<StoredEvent> published) {
        Map<UUID, Long> upTo = new HashMap<>();
        published.forEach(event -> upTo.merge(event.conversationId(), event.seq(), Math::max));
        Long[] seqs = new Long[ids.length];
        for (int i = 0; i < ids.length; i++) {
            // 0 leaves a conversation's watermark as it is (it only moves forward).
            seqs[i] = upTo.getOrDefault(ids[i], 0L);
        }
        return seqs;
    }

    /**
     * Pushes published events to the members of their conversations (one statement for all the members), each
     * frame in the trace of the command that made it. A frame lost here is recovered by the client's resume.
     */
    public Uni<Void> deliver(List<StoredEvent> published, EventTraces traces) {
        if (published.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        UUID[] ids = published.stream().map(StoredEvent::conversationId).distinct().toArray(UUID[]::new);
        return pool.withConnection(connection -> conversations.memberIdsOf(connection, ids)).chain(members -> {
            FrameDelivery.Outgoing frames = delivery.outgoing();
            for (StoredEvent event : published) {
                Set<UUID> recipients = new LinkedHashSet<>(members.getOrDefault(event.conversationId(), List.of()));
                recipients.addAll(formerMembersTold(event.payload()));
                frames.addAll(recipients, FrameDelivery.eventFrame(event.payload()),
                        traces.of(event.conversationId(), event.seq()));
            }
            return frames.send();
        }).onFailure().invoke(failure -> LOG.warn(
                "delivering events through Redis failed; clients recover them by resuming", failure))
                .onFailure().recoverWithNull().replaceWithVoid();
    }

    /** Whoever left (or was removed) still hears of it, so their client can drop the conversation. */
    private List<UUID> formerMembersTold(String payload) {
        // Only those two events name former members; a message is not parsed again for this.
        if (!payload.contains("\"member.left\"") && !payload.contains("\"conversation.deleted\"")) {
            return List.of();
        }
        ChatEvent event = read(payload);
        if (event instanceof MemberLeft left) {
            return List.of(left.userId());
        }
        return event instanceof ConversationDeleted deleted ? deleted.formerMembers() : List.of();
    }

    static long lockKey(UUID conversationId) {
        return conversationId.getMostSignificantBits() ^ conversationId.getLeastSignificantBits();
    }

    private ChatEvent read(String payload) {
        try {
            return json.readValue(payload, ChatEvent.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a stored event that cannot be read: " + payload, e);
        }
    }
}
