package io.chatsuite.chat.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.chatsuite.chat.repository.ConversationRepository;
import io.chatsuite.chat.repository.StoredEvent;
import io.chatsuite.chat.service.CommandOutcome.Accepted;
import io.chatsuite.chat.service.CommandOutcome.CursorMoved;
import io.chatsuite.chat.service.CommandOutcome.Refused;
import io.chatsuite.chat.tracing.ChatTracing;
import io.chatsuite.contracts.chat.ChatCommand;
import io.chatsuite.contracts.protocol.ErrorCode;
import io.chatsuite.contracts.protocol.ErrorFrame;
import io.chatsuite.contracts.protocol.ReceiptFrame;
import io.chatsuite.contracts.protocol.UnreadFrame;
import io.chatsuite.kit.consumer.DeadLetteredRecord;
import io.chatsuite.kit.consumer.FailureKind;
import io.chatsuite.kit.consumer.RecordRetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Context;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * A batch of commands from Kafka, end to end: decide and store (one transaction), publish the stored events to Kafka
 * from memory (one publication for the whole batch), then answer the senders and, independently, push the events to
 * the members through Redis. The batch's offsets are committed after this completes, so a crash anywhere replays the
 * batch, and deduplication turns the replay into the same acks. A command that can
 * never be decided (unreadable, or failing on its own data) is refused to its sender and dead-lettered; the rest of
 * its batch goes on. While the database is away the batch waits.
 */
@ApplicationScoped
public class CommandPipeline {

    private static final Logger LOG = Logger.getLogger(CommandPipeline.class);
    /** The channel's name in metrics and logs. */
    static final String CHANNEL = "commands";

    private final CommandProcessor processor;
    private final ConversationOutbox outbox;
    private final FrameDelivery delivery;
    private final ConversationRepository conversations;
    private final Pool pool;
    private final EventPublisher events;
    private final ObjectMapper json;
    private final CommandMetrics metrics;
    private final ChatTracing tracing;
    private final RecordRetry retry;
    private final CommandDeadLetters commandDeadLetters;

    public CommandPipeline(CommandProcessor processor, ConversationOutbox outbox, FrameDelivery delivery,
                           ConversationRepository conversations, Pool pool,
                           EventPublisher events, ObjectMapper json, CommandMetrics metrics,
                           ChatTracing tracing, RecordRetry retry, CommandDeadLetters commandDeadLetters) {
        this.retry = retry;
        this.commandDeadLetters = commandDeadLetters;
        this.metrics = metrics;
        this.tracing = tracing;
        this.processor = processor;
        this.outbox = outbox;
        this.delivery = delivery;
        this.conversations = conversations;
        this.pool = pool;
        this.events = events;
        this.json = json;
    }

    public Uni<Void> handle(List<CommandRecord> records) {
        List<ChatCommand> commands = new ArrayList<>();
        Map<ChatCommand, CommandRecord> origins = new IdentityHashMap<>();
        Map<ChatCommand, Span> spans = new IdentityHashMap<>();
        Uni<Void> unreadable = Uni.createFrom().voidItem();
        for (CommandRecord record : records) {
            try {
                ChatCommand command = json.readValue(record.payload(), ChatCommand.class);
                commands.add(command);
                origins.put(command, record);
                spans.put(command, tracing.start(command, record.trace()));
            } catch (JsonProcessingException e) {
                // Nobody to answer (the sender is in the unread payload): the record is kept as a dead letter.
                unreadable = unreadable.chain(() -> deadLetter(record, e));
            }
        }
        if (commands.isEmpty()) {
            return unreadable;
        }
        EventTraces traces = EventTraces.current();
        return unreadable.chain(() -> decide(commands, origins))
                .chain(outcomes -> publish(outcomes, spans, traces)
                        // An ack waits for PostgreSQL and Kafka only, never for the fan-out.
                        .chain(published -> Uni.join().all(reply(outcomes, spans, origins),
                                outbox.deliver(published, traces)).andCollectFailures()))
                .replaceWithVoid()
                .onTermination().invoke((done, failure, cancelled) ->
                        spans.values().forEach(span -> ChatTracing.ended(span, failure)));
    }

    /**
     * The batch in one transaction, tried again while the database is away (a failed transaction stored nothing).
     * If it fails for a command's own content, each command is decided alone to find the poison: it is refused to
     * its sender and dead-lettered, and the others are decided as usual.
     */
    private Uni<List<CommandOutcome>> decide(List<ChatCommand> commands, Map<ChatCommand, CommandRecord> origins) {
        String batch = origins.get(commands.get(0)).coordinates() + " and " + (commands.size() - 1) + " more";
        return retry.throughOutages(CHANNEL, batch, () -> processor.decide(commands))
                .onFailure(failure -> FailureKind.of(failure) == FailureKind.DATA).recoverWithUni(failure -> {
                    LOG.warnf("A batch of commands failed on its data (%s); deciding its %d commands one by one",
                            failure.toString(), commands.size());
                    return Multi.createFrom().iterable(commands)
                            .onItem().transformToUniAndConcatenate(command ->
                                    decideAlone(command, origins.get(command)))
                            .collect().asList();
                });
    }

    private Uni<CommandOutcome> decideAlone(ChatCommand command, CommandRecord record) {
        return retry.apply(CHANNEL, record.coordinates(), () -> processor.decide(List.of(command)))
                .map(outcomes -> outcomes.get(0))
                .onFailure(DeadLetteredRecord.class).recoverWithUni(failure -> commandDeadLetters.send(record, failure)
                        .replaceWith(new Refused(command, ErrorCode.INVALID_FIELD, "this command cannot be stored")));
    }

    private Uni<Void> deadLetter(CommandRecord record, Throwable cause) {
        retry.deadLettered(CHANNEL, record.coordinates(), cause);
        return commandDeadLetters.send(record, new DeadLetteredRecord("unreadable command record "
                + record.coordinates(), cause));
    }

    /** The batch's new events, and whatever its retried commands still wait for, on Kafka before any reply. */
    private Uni<List<StoredEvent>> publish(List<CommandOutcome> outcomes, Map<ChatCommand, Span> spans,
                                           EventTraces traces) {
        Map<UUID, List<StoredEvent>> stored = new LinkedHashMap<>();
        Map<UUID, Long> awaited = new HashMap<>();
        for (CommandOutcome outcome : outcomes) {
            if (outcome instanceof Accepted accepted && accepted.changed() != null) {
                if (accepted.stored() != null) {
                    // Each event goes out in the trace of the command that made it.
                    StoredEvent event = accepted.stored();
                    stored.computeIfAbsent(event.conversationId(), id -> new ArrayList<>()).add(event);
                    traces.put(event.conversationId(), event.seq(), contextOf(outcome, spans));
                } else {
                    awaited.merge(accepted.changed(), accepted.ack().seq(), Math::max);
                }
            }
        }
        return outbox.publish(stored, awaited, traces)
                .onFailure().retry().withBackOff(Duration.ofMillis(200), Duration.ofSeconds(10)).atMost(10);
    }

    /**
     * Answers every command of the batch at once (one publish per gateway node), and announces its reads once their
     * events are on Kafka: the answers never wait for the reads' publishes or their member lists (nothing on an ack's
     * path it does not need).
     */
    private Uni<Void> reply(List<CommandOutcome> outcomes, Map<ChatCommand, Span> spans,
                            Map<ChatCommand, CommandRecord> origins) {
        FrameDelivery.Outgoing frames = delivery.outgoing();
        List<CursorMoved> reads = new ArrayList<>();
        for (CommandOutcome outcome : outcomes) {
            metrics.decided(outcome);
            UUID sender = outcome.command().senderId();
            // The answer to a command id goes to the session that sent it: ids are unique per session only.
            UUID session = outcome.command().sessionId();
            // Through the node whose socket sent the command, with that node's other answers of the batch.
            CommandRecord origin = origins.get(outcome.command());
            UUID node = origin == null ? null : origin.node();
            Context trace = contextOf(outcome, spans);
            if (outcome instanceof Accepted accepted) {
                frames.answer(node, sender, session, accepted.ack(), trace);
            } else if (outcome instanceof Refused refused) {
                frames.answer(node, sender, session, new ErrorFrame(refused.command().clientId(), refused.code(),
                        refused.message()), trace);
            } else if (outcome instanceof CursorMoved moved) {
                frames.answer(node, sender, session, moved.ack(), trace);
                reads.add(moved);
            }
        }
        return Uni.join().all(pushed(frames.send(), "replies"), announceReads(reads, spans)).andCollectFailures()
                .replaceWithVoid();
    }

    /** Frames lost on their way to Redis are logged, not retried: the clients recover them (see FrameDelivery). */
    private static Uni<Void> pushed(Uni<Void> sent, String what) {
        return sent.onFailure().invoke(failure -> LOG.warn(what + " could not be pushed through Redis", failure))
                .onFailure().recoverWithNull();
    }

    /**
     * Each moved cursor goes to history (Kafka) and, as a receipt, to every member, the reader's devices too. A cursor
     * moved back goes only to the reader's own devices (an {@code unread} frame with the new count): the others have
     * seen the receipt for what was read, and marking it unread again is the reader's own business. The batch's
     * cursors are published together and the members of every conversation read forward come from one statement;
     * a cursor that cannot be published is not announced, and the others still are.
     */
    private Uni<Void> announceReads(List<CursorMoved> reads, Map<ChatCommand, Span> spans) {
        if (reads.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        FrameDelivery.Outgoing frames = delivery.outgoing();
        List<Uni<Boolean>> published = reads.stream().map(read -> events.publish(read.moved().conversationId(),
                        write(read.moved()), contextOf(read, spans))
                .onFailure().retry().withBackOff(Duration.ofMillis(100), Duration.ofSeconds(2)).atMost(5)
                .replaceWith(true)
                .onFailure().invoke(failure -> LOG.warnf(failure, "announcing a read of %s failed",
                        read.moved().conversationId()))
                .onFailure().recoverWithItem(false)).toList();
        UUID[] readForward = reads.stream().filter(read -> !read.moved().markedUnread())
                .map(read -> read.moved().conversationId()).distinct().toArray(UUID[]::new);
        Uni<Map<UUID, List<UUID>>> members = readForward.length == 0 ? Uni.createFrom().item(Map.of())
                : pool.withConnection(c -> conversations.memberIdsOf(c, readForward))
                        .onFailure().invoke(failure -> LOG.warn("the members to tell of reads are unknown", failure))
                        .onFailure().recoverWithItem(Map.of());
        Uni<Void> announced = Uni.combine().all().unis(Uni.join().all(published).andFailFast(), members)
                .with((sent, memberIds) -> {
                    for (int i = 0; i < reads.size(); i++) {
                        if (sent.get(i)) {
                            announce(reads.get(i), memberIds, frames, contextOf(reads.get(i), spans));
                        }
                    }
                    return null;
                }).chain(frames::send);
        return pushed(announced, "receipts");
    }

    private void announce(CursorMoved read, Map<UUID, List<UUID>> members, FrameDelivery.Outgoing frames,
                          Context trace) {
        var event = read.moved();
        if (event.markedUnread()) {
            frames.add(event.actorId(), new UnreadFrame(event.conversationId(), event.seq(), read.unreadCount(),
                    event.occurredAt()), trace);
            return;
        }
        // One frame for every member: written once.
        frames.addAll(members.getOrDefault(event.conversationId(), List.of()), write(new ReceiptFrame(
                event.conversationId(), event.actorId(), event.seq(), event.occurredAt())), trace);
    }

    private static Context contextOf(CommandOutcome outcome, Map<ChatCommand, Span> spans) {
        Span span = spans.get(outcome.command());
        return span == null ? Context.current() : Context.root().with(span);
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
