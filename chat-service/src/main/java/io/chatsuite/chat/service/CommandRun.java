package io.chatsuite.chat.service;

import io.chatsuite.chat.config.ChatConfig;
import io.chatsuite.chat.repository.Membership;
import io.chatsuite.chat.repository.SendBatchRepository;
import io.chatsuite.chat.repository.SendBatchRepository.MemberKey;
import io.chatsuite.chat.repository.SendBatchRepository.StoredSends;
import io.chatsuite.chat.repository.SendBatchRepository.ThreadRootKey;
import io.chatsuite.chat.repository.StoredEvent;
import io.chatsuite.chat.repository.TimelineRepository;
import io.chatsuite.chat.repository.TimelineRepository.ProcessedCommand;
import io.chatsuite.chat.service.CommandOutcome.Accepted;
import io.chatsuite.chat.service.CommandOutcome.Refused;
import io.chatsuite.contracts.chat.ConversationKind;
import io.chatsuite.contracts.chat.MessageCreated;
import io.chatsuite.contracts.chat.SendMessage;
import io.chatsuite.contracts.protocol.AckFrame;
import io.chatsuite.contracts.protocol.ErrorCode;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Decides a run of sends without attachments set-based, inside the batch's transaction, in four round trips whatever
 * the run's size: the command ids already processed and the senders' memberships (two statements, pipelined), every
 * conversation's seqs at once and every mentioned member at once (pipelined), then every event, message and
 * processed id at once. A run with thread replies checks all their roots in a third statement pipelined with the
 * first two, so a run without any costs nothing more. Each send is refused or accepted
 * exactly as one decided alone ({@link CommandProcessor}) would be; a command id repeated within the run gets its
 * first occurrence's answer, as a retry across batches does.
 */
@ApplicationScoped
public class SendBatch {

    private final SendBatchRepository statements;
    private final Timeline timeline;
    private final ChatConfig config;
    private final MentionResolver mentions;

    public SendBatch(SendBatchRepository statements, Timeline timeline, ChatConfig config, MentionResolver mentions) {
        this.statements = statements;
        this.timeline = timeline;
        this.config = config;
        this.mentions = mentions;
    }

    /** The outcome of each send, in order; {@code at} is the batch's time, the events' occurredAt. */
    public Uni<List<CommandOutcome>> decide(SqlClient tx, List<SendMessage> sends, Instant at) {
        int n = sends.size();
        UUID[] senders = new UUID[n];
        UUID[] sessions = new UUID[n];
        String[] clientIds = new String[n];
        Set<MemberKey> pairs = new LinkedHashSet<>();
        Set<ThreadRootKey> roots = new LinkedHashSet<>();
        for (int i = 0; i < n; i++) {
            SendMessage send = sends.get(i);
            senders[i] = send.senderId();
            sessions[i] = session(send);
            clientIds[i] = send.clientId();
            pairs.add(new MemberKey(send.conversationId(), send.senderId()));
            if (send.threadRootId() != null) {
                roots.add(new ThreadRootKey(send.conversationId(), send.threadRootId()));
            }
        }
        Uni<Map<Integer, ProcessedCommand>> processed = statements.processed(tx, senders, sessions, clientIds);
        Uni<Map<MemberKey, Membership>> memberships = statements.memberships(tx,
                pairs.stream().map(MemberKey::conversationId).toArray(UUID[]::new),
                pairs.stream().map(MemberKey::userId).toArray(UUID[]::new));
        Uni<Map<ThreadRootKey, Boolean>> threadRoots = roots.isEmpty() ? Uni.createFrom().item(Map.of())
                : statements.threadRoots(tx, roots.stream().map(ThreadRootKey::conversationId).toArray(UUID[]::new),
                        roots.stream().map(ThreadRootKey::rootId).toArray(UUID[]::new));
        // All go out at once: the connection pipelines them.
        return Uni.combine().all().unis(processed, memberships, threadRoots).asTuple()
                .chain(found -> decide(tx, sends, found.getItem1(), found.getItem2(), found.getItem3(), at));
    }

    private Uni<List<CommandOutcome>> decide(SqlClient tx, List<SendMessage> sends, Map<Integer, ProcessedCommand> done,
                                             Map<MemberKey, Membership> memberships,
                                             Map<ThreadRootKey, Boolean> threadRoots, Instant at) {
        int n = sends.size();
        CommandOutcome[] outcomes = new CommandOutcome[n];
        // Command ids accepted earlier in this run: index of their first occurrence.
        Map<IdKey, Integer> acceptedHere = new HashMap<>();
        int[] firstOccurrence = new int[n];
        Map<UUID, Integer> newEvents = new LinkedHashMap<>();
        List<Integer> accepted = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            SendMessage send = sends.get(i);
            firstOccurrence[i] = -1;
            if (done.containsKey(i)) {
                outcomes[i] = CommandProcessor.replay(send, done.get(i));
                continue;
            }
            Integer earlier = acceptedHere.get(new IdKey(send.senderId(), session(send), send.clientId()));
            if (earlier == null && send.sessionId() != null) {
                // As in the database: an id of the nil session answers for the session too.
                earlier = acceptedHere.get(new IdKey(send.senderId(), TimelineRepository.NO_SESSION, send.clientId()));
            }
            if (earlier != null) {
                firstOccurrence[i] = earlier;
                continue;
            }
            Membership membership = memberships.get(new MemberKey(send.conversationId(), send.senderId()));
            int before = newEvents.getOrDefault(send.conversationId(), 0);
            Refused refused = refusal(send, membership, before);
            if (refused == null && send.threadRootId() != null) {
                refused = threadRootRefusal(send,
                        threadRoots.get(new ThreadRootKey(send.conversationId(), send.threadRootId())));
            }
            if (refused != null) {
                outcomes[i] = refused;
                continue;
            }
            newEvents.put(send.conversationId(), before + 1);
            acceptedHere.put(new IdKey(send.senderId(), session(send), send.clientId()), i);
            accepted.add(i);
        }
        if (accepted.isEmpty()) {
            return Uni.createFrom().item(answers(sends, outcomes, firstOccurrence));
        }
        UUID[] ids = newEvents.keySet().toArray(UUID[]::new);
        Integer[] counts = newEvents.values().toArray(Integer[]::new);
        List<MentionResolver.Send> mentioning = accepted.stream().map(sends::get)
                .map(send -> new MentionResolver.Send(send.conversationId(), send.senderId(),
                        memberships.get(new MemberKey(send.conversationId(), send.senderId())), send.body()))
                .toList();
        // Both go out at once: the connection pipelines them.
        Uni<Map<UUID, Long>> seqs = statements.takeSeqs(tx, ids, counts);
        Uni<List<MentionResolver.Mentioned>> mentioned = mentions.resolve(tx, mentioning);
        return Uni.combine().all().unis(seqs, mentioned).asTuple().chain(found -> {
            Map<UUID, Long> lastSeqs = found.getItem1();
            Map<UUID, Long> next = new HashMap<>();
            newEvents.forEach((id, count) -> next.put(id, lastSeqs.get(id) - count + 1));
            int size = accepted.size();
            StoredSends rows = new StoredSends(new UUID[size], new Long[size], new String[size],
                    new OffsetDateTime[size], new UUID[size], new UUID[size], new UUID[size], new String[size],
                    new UUID[size], new Boolean[size]);
            OffsetDateTime occurredAt = at.atOffset(ZoneOffset.UTC);
            for (int k = 0; k < size; k++) {
                int i = accepted.get(k);
                SendMessage send = sends.get(i);
                long seq = next.merge(send.conversationId(), 1L, Long::sum) - 1;
                UUID messageId = UUID.randomUUID();
                MentionResolver.Mentioned names = found.getItem2().get(k);
                String payload = timeline.write(new MessageCreated(send.conversationId(), seq, at, send.senderId(),
                        messageId, send.clientId(), send.body(), send.format(), send.replyTo(), List.of(),
                        send.threadRootId(), send.alsoToConversation(), names.userIds(), names.room()));
                rows.conversationIds()[k] = send.conversationId();
                rows.seqs()[k] = seq;
                rows.payloads()[k] = payload;
                rows.occurredAt()[k] = occurredAt;
                rows.messageIds()[k] = messageId;
                rows.senderIds()[k] = send.senderId();
                rows.sessionIds()[k] = session(send);
                rows.clientIds()[k] = send.clientId();
                rows.threadRootIds()[k] = send.threadRootId();
                rows.alsoToConversation()[k] = send.alsoToConversation();
                outcomes[i] = new Accepted(send, new AckFrame(send.clientId(), send.conversationId(), messageId, seq,
                        at), send.conversationId(), new StoredEvent(send.conversationId(), seq, payload));
            }
            return statements.storeSends(tx, rows).replaceWith(() -> answers(sends, outcomes, firstOccurrence));
        });
    }

    /** The refusal a send gets from {@link CommandProcessor} too, in the same order of checks; null if none. */
    private Refused refusal(SendMessage send, Membership membership, int acceptedBeforeInRun) {
        if (membership == null) {
            // The same answer whether the conversation exists or not: non-members learn nothing.
            return new Refused(send, ErrorCode.NOT_FOUND, "no such conversation");
        }
        if (membership.archived()) {
            return new Refused(send, ErrorCode.FORBIDDEN,
                    "the room is archived: nothing can be sent, edited, deleted or reacted to");
        }
        if (!membership.kind().isRoom() && membership.blocked()) {
            return new Refused(send, ErrorCode.BLOCKED, "a block stands between you and this user");
        }
        String body = send.body() == null ? "" : send.body();
        if (body.isBlank()) {
            return new Refused(send, ErrorCode.MISSING_FIELD, "body: a message needs text");
        }
        if (body.length() > config.limits().bodyLength()) {
            return new Refused(send, ErrorCode.TOO_LARGE,
                    "body: at most " + config.limits().bodyLength() + " characters");
        }
        // Earlier sends of this run count: one may answer a message sent a moment before in the same batch.
        long lastSeq = membership.lastSeq() + acceptedBeforeInRun;
        if (send.replyTo() != null && (send.replyTo() < 1 || send.replyTo() > lastSeq)) {
            return new Refused(send, ErrorCode.INVALID_FIELD, "replyTo: no such seq in this conversation");
        }
        return null;
    }

    /**
     * The refusal of a thread reply whose root cannot take it ({@code open}: as {@link SendBatchRepository#threadRoots}
     * found it, null when absent); null if the root can. Shared with the per-command path.
     */
    static Refused threadRootRefusal(SendMessage send, Boolean open) {
        if (open == null) {
            return new Refused(send, ErrorCode.INVALID_FIELD, "threadRootId: no such message in this conversation");
        }
        if (!open) {
            // Threads are one level deep, and a deleted message takes no new replies.
            return new Refused(send, ErrorCode.INVALID_FIELD,
                    "threadRootId: a thread reply or a deleted message cannot start a thread");
        }
        return null;
    }

    /** A repeated id gets its first occurrence's answer (another conversation: refused, as a retry would be). */
    private static List<CommandOutcome> answers(List<SendMessage> sends, CommandOutcome[] outcomes,
                                                int[] firstOccurrence) {
        List<CommandOutcome> answers = new ArrayList<>(outcomes.length);
        for (int i = 0; i < outcomes.length; i++) {
            if (firstOccurrence[i] >= 0) {
                AckFrame first = ((Accepted) outcomes[firstOccurrence[i]]).ack();
                outcomes[i] = CommandProcessor.replay(sends.get(i), new ProcessedCommand(first.conversationId(),
                        first.messageId(), first.seq(), first.at()));
            }
            answers.add(outcomes[i]);
        }
        return answers;
    }

    private static UUID session(SendMessage send) {
        return send.sessionId() == null ? TimelineRepository.NO_SESSION : send.sessionId();
    }

    private record IdKey(UUID senderId, UUID sessionId, String clientId) {
    }
}
