package io.chatsuite.chat.service;

import io.chatsuite.chat.config.ChatConfig;
import io.chatsuite.chat.repository.CommandRunRepository;
import io.chatsuite.chat.repository.CommandRunRepository.MemberKey;
import io.chatsuite.chat.repository.CommandRunRepository.MessageKey;
import io.chatsuite.chat.repository.CommandRunRepository.MessageState;
import io.chatsuite.chat.repository.CommandRunRepository.ReactionKey;
import io.chatsuite.chat.repository.Membership;
import io.chatsuite.chat.repository.RunWrites;
import io.chatsuite.chat.repository.StoredEvent;
import io.chatsuite.chat.repository.TimelineRepository;
import io.chatsuite.chat.repository.TimelineRepository.ProcessedCommand;
import io.chatsuite.chat.service.CommandOutcome.Accepted;
import io.chatsuite.chat.service.CommandOutcome.CursorMoved;
import io.chatsuite.chat.service.CommandOutcome.Refused;
import io.chatsuite.contracts.chat.ChatCommand;
import io.chatsuite.contracts.chat.MarkRead;
import io.chatsuite.contracts.chat.MessageCreated;
import io.chatsuite.contracts.chat.ReactToMessage;
import io.chatsuite.contracts.chat.ReactionAdded;
import io.chatsuite.contracts.chat.ReactionRemoved;
import io.chatsuite.contracts.chat.ReadCursorMoved;
import io.chatsuite.contracts.chat.SendMessage;
import io.chatsuite.contracts.chat.TimelineEvent;
import io.chatsuite.contracts.protocol.AckFrame;
import io.chatsuite.contracts.protocol.ErrorCode;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Decides a run of sends without attachments, reactions and reads set-based, inside the batch's transaction, in three
 * round trips whatever the run's size: what the run reads (the command ids already processed, the senders'
 * memberships, the messages named as thread roots or reacted to, and whether each reaction is there: pipelined), then
 * every conversation's seqs and every mentioned member (pipelined), then everything the run writes in one statement.
 * A run without thread replies or reactions skips their reads. Each command is refused or accepted exactly as one
 * decided alone would be, after the ones before it: a reaction added and removed again in one run is two events, and
 * a command id repeated within the run gets its first occurrence's answer, as a retry across batches does.
 *
 * <p>Whether a reaction is there, and where a reader's cursor stands, is read before any lock: a conversation's
 * commands come from one Kafka partition, so no other transaction changes its reactions or cursors meanwhile. A read
 * takes no seq and no command id (a retry sets the same position again): it moves the reader's cursor forward to the
 * seq read, never past the conversation's last event so far in the run, and is acknowledged at where the cursor is.
 */
@ApplicationScoped
public class CommandRun {

    private final CommandRunRepository statements;
    private final Timeline timeline;
    private final ChatConfig config;
    private final MentionResolver mentions;

    public CommandRun(CommandRunRepository statements, Timeline timeline, ChatConfig config, MentionResolver mentions) {
        this.statements = statements;
        this.timeline = timeline;
        this.config = config;
        this.mentions = mentions;
    }

    /** The outcome of each command, in order; {@code at} is the batch's time, the events' occurredAt. */
    public Uni<List<CommandOutcome>> decide(SqlClient tx, List<ChatCommand> run, Instant at) {
        int n = run.size();
        UUID[] senders = new UUID[n];
        UUID[] sessions = new UUID[n];
        String[] clientIds = new String[n];
        Set<MemberKey> pairs = new LinkedHashSet<>();
        Set<MessageKey> named = new LinkedHashSet<>();
        Set<ReactionKey> reactions = new LinkedHashSet<>();
        for (int i = 0; i < n; i++) {
            ChatCommand command = run.get(i);
            senders[i] = command.senderId();
            sessions[i] = session(command);
            clientIds[i] = command.clientId();
            pairs.add(new MemberKey(command.conversationId(), command.senderId()));
            if (command instanceof SendMessage send && send.threadRootId() != null) {
                named.add(new MessageKey(send.conversationId(), send.threadRootId()));
            } else if (command instanceof ReactToMessage react) {
                named.add(new MessageKey(react.conversationId(), react.messageId()));
                reactions.add(reactionOf(react));
            }
        }
        Uni<Map<Integer, ProcessedCommand>> processed = statements.processed(tx, senders, sessions, clientIds);
        Uni<Map<MemberKey, Membership>> memberships = statements.memberships(tx,
                pairs.stream().map(MemberKey::conversationId).toArray(UUID[]::new),
                pairs.stream().map(MemberKey::userId).toArray(UUID[]::new));
        Uni<Map<MessageKey, MessageState>> messages = named.isEmpty() ? Uni.createFrom().item(Map.of())
                : statements.messages(tx, named.stream().map(MessageKey::conversationId).toArray(UUID[]::new),
                        named.stream().map(MessageKey::messageId).toArray(UUID[]::new));
        Uni<Set<ReactionKey>> held = reactions.isEmpty() ? Uni.createFrom().item(Set.of())
                : statements.reactions(tx, reactions.stream().map(ReactionKey::messageId).toArray(UUID[]::new),
                        reactions.stream().map(ReactionKey::userId).toArray(UUID[]::new),
                        reactions.stream().map(ReactionKey::emoji).toArray(String[]::new));
        // All go out at once: the connection pipelines them.
        return Uni.combine().all().unis(processed, memberships, messages, held).asTuple()
                .chain(found -> decide(tx, run, new Reads(found.getItem1(), found.getItem2(), found.getItem3(),
                        found.getItem4()), at));
    }

    /** What the run's first round trip found. */
    private record Reads(Map<Integer, ProcessedCommand> done, Map<MemberKey, Membership> memberships,
                         Map<MessageKey, MessageState> messages, Set<ReactionKey> reactions) {
    }

    private Uni<List<CommandOutcome>> decide(SqlClient tx, List<ChatCommand> run, Reads reads, Instant at) {
        int n = run.size();
        CommandOutcome[] outcomes = new CommandOutcome[n];
        // Command ids accepted earlier in this run: index of their first occurrence.
        Map<IdKey, Integer> acceptedHere = new HashMap<>();
        int[] firstOccurrence = new int[n];
        Arrays.fill(firstOccurrence, -1);
        Map<UUID, Integer> newEvents = new LinkedHashMap<>();
        List<Integer> changes = new ArrayList<>();
        // Each reaction the run touches, as the commands decided so far have left it.
        Map<ReactionKey, Boolean> reactionsNow = new LinkedHashMap<>();
        // Each cursor the run's reads moved, where they left it.
        Map<MemberKey, Long> cursorsNow = new HashMap<>();
        RunWrites writes = new RunWrites(at);
        for (int i = 0; i < n; i++) {
            ChatCommand command = run.get(i);
            if (command instanceof MarkRead read) {
                outcomes[i] = read(read, reads, newEvents.getOrDefault(read.conversationId(), 0), cursorsNow, at,
                        writes);
                continue;
            }
            if (reads.done().containsKey(i)) {
                outcomes[i] = CommandProcessor.replay(command, reads.done().get(i));
                continue;
            }
            Integer earlier = acceptedHere.get(new IdKey(command.senderId(), session(command), command.clientId()));
            if (earlier == null && command.sessionId() != null) {
                // As in the database: an id of the nil session answers for the session too.
                earlier = acceptedHere.get(new IdKey(command.senderId(), TimelineRepository.NO_SESSION,
                        command.clientId()));
            }
            if (earlier != null) {
                firstOccurrence[i] = earlier;
                continue;
            }
            Membership membership = reads.memberships().get(new MemberKey(command.conversationId(),
                    command.senderId()));
            int before = newEvents.getOrDefault(command.conversationId(), 0);
            Refused refused = command instanceof SendMessage send ? sendRefusal(send, membership, before, reads)
                    : reactionRefusal((ReactToMessage) command, membership, reads);
            if (refused != null) {
                outcomes[i] = refused;
                continue;
            }
            acceptedHere.put(new IdKey(command.senderId(), session(command), command.clientId()), i);
            if (command instanceof ReactToMessage react && !changes(react, reads.reactions(), reactionsNow)) {
                // Nothing to change: acknowledged at the conversation's current seq, and the ack waits until the
                // events up to it (the one that made the state) are on Kafka.
                long current = membership.lastSeq() + before;
                writes.processed(react.senderId(), session(react), react.clientId(), react.conversationId(),
                        react.messageId(), current);
                outcomes[i] = new Accepted(react, new AckFrame(react.clientId(), react.conversationId(),
                        react.messageId(), current, at), react.conversationId(), null);
                continue;
            }
            newEvents.put(command.conversationId(), before + 1);
            changes.add(i);
        }
        reactionsNow.forEach((reaction, there) -> {
            boolean wasThere = reads.reactions().contains(reaction);
            if (there && !wasThere) {
                writes.reactionAdded(reaction);
            } else if (!there && wasThere) {
                writes.reactionRemoved(reaction);
            }
        });
        if (changes.isEmpty()) {
            Uni<Void> stored = writes.isEmpty() ? Uni.createFrom().voidItem() : statements.store(tx, writes);
            return stored.replaceWith(() -> answers(run, outcomes, firstOccurrence));
        }
        List<MentionResolver.Send> mentioning = changes.stream().map(run::get)
                .filter(SendMessage.class::isInstance).map(SendMessage.class::cast)
                .map(send -> new MentionResolver.Send(send.conversationId(), send.senderId(),
                        reads.memberships().get(new MemberKey(send.conversationId(), send.senderId())), send.body()))
                .toList();
        // Both go out at once: the connection pipelines them.
        Uni<Map<UUID, Long>> seqs = statements.takeSeqs(tx, newEvents.keySet().toArray(UUID[]::new),
                newEvents.values().toArray(Integer[]::new));
        Uni<List<MentionResolver.Mentioned>> mentioned = mentioning.isEmpty() ? Uni.createFrom().item(List.of())
                : mentions.resolve(tx, mentioning);
        return Uni.combine().all().unis(seqs, mentioned).asTuple().chain(found -> {
            Map<UUID, Long> next = new HashMap<>();
            newEvents.forEach((id, count) -> next.put(id, found.getItem1().get(id) - count + 1));
            int sendIndex = 0;
            for (int i : changes) {
                ChatCommand command = run.get(i);
                long seq = next.merge(command.conversationId(), 1L, Long::sum) - 1;
                if (command instanceof SendMessage send) {
                    outcomes[i] = send(send, seq, found.getItem2().get(sendIndex++), at, writes);
                } else {
                    outcomes[i] = react((ReactToMessage) command, seq, at, writes);
                }
            }
            return statements.store(tx, writes).replaceWith(() -> answers(run, outcomes, firstOccurrence));
        });
    }

    private Accepted send(SendMessage send, long seq, MentionResolver.Mentioned names, Instant at, RunWrites writes) {
        UUID messageId = UUID.randomUUID();
        writes.message(messageId, send.conversationId(), seq, send.senderId(), send.threadRootId(),
                send.alsoToConversation());
        return accepted(send, messageId, new MessageCreated(send.conversationId(), seq, at, send.senderId(),
                messageId, send.clientId(), send.body(), send.format(), send.replyTo(), List.of(),
                send.threadRootId(), send.alsoToConversation(), names.userIds(), names.room()), writes);
    }

    private Accepted react(ReactToMessage react, long seq, Instant at, RunWrites writes) {
        return accepted(react, react.messageId(), react.remove()
                ? new ReactionRemoved(react.conversationId(), seq, at, react.senderId(), react.messageId(),
                        react.emoji())
                : new ReactionAdded(react.conversationId(), seq, at, react.senderId(), react.messageId(),
                        react.emoji()), writes);
    }

    /** The command's event and its id, written; the ack names the message the command made or changed. */
    private Accepted accepted(ChatCommand command, UUID messageId, TimelineEvent event, RunWrites writes) {
        String payload = timeline.write(event);
        writes.event(command.conversationId(), event.seq(), payload);
        writes.processed(command.senderId(), session(command), command.clientId(), command.conversationId(),
                messageId, event.seq());
        return new Accepted(command, new AckFrame(command.clientId(), command.conversationId(), messageId,
                event.seq(), event.occurredAt()), command.conversationId(),
                new StoredEvent(command.conversationId(), event.seq(), payload));
    }

    /**
     * A read of a member moves their cursor forward to the seq read, capped at the conversation's last event so far
     * (the run's accepted changes before it count); acknowledged at where the cursor is, moved or not.
     */
    private static CommandOutcome read(MarkRead read, Reads reads, int acceptedBeforeInRun,
                                       Map<MemberKey, Long> cursorsNow, Instant at, RunWrites writes) {
        MemberKey reader = new MemberKey(read.conversationId(), read.senderId());
        Membership membership = reads.memberships().get(reader);
        if (membership == null) {
            return CommandRefusals.notAMember(read);
        }
        if (read.seq() < 0) {
            return new Refused(read, ErrorCode.INVALID_FIELD, "seq: must not be negative");
        }
        long cursor = cursorsNow.getOrDefault(reader, membership.readSeq());
        long target = Math.min(read.seq(), membership.lastSeq() + acceptedBeforeInRun);
        if (target <= cursor) {
            return new Accepted(read, new AckFrame(read.clientId(), read.conversationId(), null, cursor, at), null,
                    null);
        }
        cursorsNow.put(reader, target);
        writes.readCursor(reader, target);
        return new CursorMoved(read, new AckFrame(read.clientId(), read.conversationId(), null, target, at),
                new ReadCursorMoved(read.conversationId(), target, at, read.senderId()));
    }

    /**
     * Whether the reaction changes what is there (adding one not there, removing one that is), and if so the run's
     * state after it.
     */
    private static boolean changes(ReactToMessage react, Set<ReactionKey> held, Map<ReactionKey, Boolean> now) {
        ReactionKey reaction = reactionOf(react);
        boolean there = now.getOrDefault(reaction, held.contains(reaction));
        if (there != react.remove()) {
            return false;
        }
        now.put(reaction, !react.remove());
        return true;
    }

    /** The refusal a send gets from {@link CommandProcessor} too, in the same order of checks; null if none. */
    private Refused sendRefusal(SendMessage send, Membership membership, int acceptedBeforeInRun, Reads reads) {
        Refused refused = accessRefusal(send, membership);
        if (refused == null) {
            refused = CommandRefusals.body(send, send.body(), config.limits().bodyLength());
        }
        if (refused != null) {
            return refused;
        }
        // Earlier sends of this run count: one may answer a message sent a moment before in the same batch.
        long lastSeq = membership.lastSeq() + acceptedBeforeInRun;
        if (send.replyTo() != null && (send.replyTo() < 1 || send.replyTo() > lastSeq)) {
            return new Refused(send, ErrorCode.INVALID_FIELD, "replyTo: no such seq in this conversation");
        }
        return send.threadRootId() == null ? null : threadRootRefusal(send,
                reads.messages().get(new MessageKey(send.conversationId(), send.threadRootId())));
    }

    /** A reaction needs a live message of the conversation; null if it may be decided. */
    private static Refused reactionRefusal(ReactToMessage react, Membership membership, Reads reads) {
        Refused access = accessRefusal(react, membership);
        if (access != null) {
            return access;
        }
        MessageState message = reads.messages().get(new MessageKey(react.conversationId(), react.messageId()));
        return message == null || message.deleted()
                ? new Refused(react, ErrorCode.NOT_FOUND, "no such message") : null;
    }

    /** Who may change a conversation at all: a member, of a room not archived, with no block between the two. */
    private static Refused accessRefusal(ChatCommand command, Membership membership) {
        if (membership == null) {
            return CommandRefusals.notAMember(command);
        }
        Refused archived = CommandRefusals.archived(command, membership);
        return archived != null ? archived : CommandRefusals.blocked(command, membership);
    }

    /**
     * The refusal of a thread reply whose root cannot take it ({@code root}: as {@link CommandRunRepository#messages}
     * found it, null when absent); null if the root can. Shared with the per-command path.
     */
    static Refused threadRootRefusal(SendMessage send, MessageState root) {
        if (root == null) {
            return new Refused(send, ErrorCode.INVALID_FIELD, "threadRootId: no such message in this conversation");
        }
        if (root.deleted() || root.threadReply()) {
            // Threads are one level deep, and a deleted message takes no new replies.
            return new Refused(send, ErrorCode.INVALID_FIELD,
                    "threadRootId: a thread reply or a deleted message cannot start a thread");
        }
        return null;
    }

    /** A repeated id gets its first occurrence's answer (another conversation: refused, as a retry would be). */
    private static List<CommandOutcome> answers(List<ChatCommand> run, CommandOutcome[] outcomes,
                                                int[] firstOccurrence) {
        List<CommandOutcome> answers = new ArrayList<>(outcomes.length);
        for (int i = 0; i < outcomes.length; i++) {
            if (firstOccurrence[i] >= 0) {
                AckFrame first = ((Accepted) outcomes[firstOccurrence[i]]).ack();
                outcomes[i] = CommandProcessor.replay(run.get(i), new ProcessedCommand(first.conversationId(),
                        first.messageId(), first.seq(), first.at()));
            }
            answers.add(outcomes[i]);
        }
        return answers;
    }

    private static ReactionKey reactionOf(ReactToMessage react) {
        return new ReactionKey(react.messageId(), react.senderId(), react.emoji());
    }

    private static UUID session(ChatCommand command) {
        return command.sessionId() == null ? TimelineRepository.NO_SESSION : command.sessionId();
    }

    private record IdKey(UUID senderId, UUID sessionId, String clientId) {
    }
}
