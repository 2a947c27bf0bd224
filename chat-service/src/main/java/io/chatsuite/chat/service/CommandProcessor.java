package io.chatsuite.chat.service;

import io.chatsuite.chat.config.ChatConfig;
import io.chatsuite.chat.repository.AttachmentRepository;
import io.chatsuite.chat.repository.AttachmentRow;
import io.chatsuite.chat.repository.CommandRunRepository;
import io.chatsuite.chat.repository.CommandRunRepository.MessageKey;
import io.chatsuite.chat.repository.CommandRunRepository.MessageState;
import io.chatsuite.chat.repository.ConversationRepository;
import io.chatsuite.chat.repository.Membership;
import io.chatsuite.chat.repository.StoredEvent;
import io.chatsuite.chat.repository.TimelineRepository;
import io.chatsuite.chat.repository.TimelineRepository.ProcessedCommand;
import io.chatsuite.chat.service.CommandOutcome.Accepted;
import io.chatsuite.chat.service.CommandOutcome.CursorMoved;
import io.chatsuite.chat.service.CommandOutcome.Refused;
import io.chatsuite.contracts.chat.AttachmentRef;
import io.chatsuite.contracts.chat.ChatCommand;
import io.chatsuite.contracts.chat.ConversationKind;
import io.chatsuite.contracts.chat.DeleteMessage;
import io.chatsuite.contracts.chat.EditMessage;
import io.chatsuite.contracts.chat.MarkRead;
import io.chatsuite.contracts.chat.MarkUnread;
import io.chatsuite.contracts.chat.MessageCreated;
import io.chatsuite.contracts.chat.MessageDeleted;
import io.chatsuite.contracts.chat.MessageEdited;
import io.chatsuite.contracts.chat.ReactToMessage;
import io.chatsuite.contracts.chat.ReactionEmoji;
import io.chatsuite.contracts.chat.ReadCursorMoved;
import io.chatsuite.contracts.chat.SendMessage;
import io.chatsuite.contracts.chat.TimelineEvent;
import io.chatsuite.contracts.protocol.AckFrame;
import io.chatsuite.contracts.protocol.ErrorCode;
import io.chatsuite.contracts.text.StorableText;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlClient;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Decides a batch of commands in one transaction: authorize, deduplicate by (sender, session, client id), take seqs
 * and store the events. Nothing is announced here; the caller publishes the stored events and only then replies.
 *
 * <p>The batch is cut into runs, in order: consecutive sends without attachments and reactions (nearly all the
 * traffic) are decided set-based by {@link CommandRun}, a few statements per run; any other command (edit, delete,
 * read, a send with attachments) alone, here, between the runs. Every command is thus decided after the ones before
 * it in the batch, so each conversation's events keep the batch's order and their seqs stay gapless.
 */
@ApplicationScoped
public class CommandProcessor {

    /** The most files one message carries (the gateway enforces the same). */
    static final int MAX_ATTACHMENTS = 10;

    private final Pool pool;
    private final ConversationRepository conversations;
    private final TimelineRepository timeline;
    private final AttachmentRepository attachments;
    private final Timeline appender;
    private final CommandRun runs;
    private final MentionResolver mentions;
    private final CommandRunRepository runStatements;
    private final ChatConfig config;
    private final Clock clock;

    public CommandProcessor(Pool pool, ConversationRepository conversations, TimelineRepository timeline,
                            AttachmentRepository attachments, Timeline appender,
                            CommandRun runs, MentionResolver mentions, CommandRunRepository runStatements,
                            ChatConfig config, Clock clock) {
        this.mentions = mentions;
        this.runs = runs;
        this.runStatements = runStatements;
        this.pool = pool;
        this.conversations = conversations;
        this.timeline = timeline;
        this.attachments = attachments;
        this.appender = appender;
        this.config = config;
        this.clock = clock;
    }

    /** The outcome of each command, in order; all of the batch's changes commit together. */
    public Uni<List<CommandOutcome>> decide(List<ChatCommand> commands) {
        Instant at = now();
        return pool.withTransaction(tx -> Multi.createFrom().iterable(runs(commands))
                .onItem().transformToUniAndConcatenate(run -> isSetBased(run.get(0))
                        ? runs.decide(tx, run, at)
                        : decide(tx, run.get(0)).map(List::of))
                .collect().asList()
                .map(decided -> decided.stream().flatMap(List::stream).toList()));
    }

    /** Consecutive set-based commands together; every other command a run of its own. */
    private static List<List<ChatCommand>> runs(List<ChatCommand> commands) {
        List<List<ChatCommand>> runs = new ArrayList<>();
        List<ChatCommand> setBased = null;
        for (ChatCommand command : commands) {
            if (isSetBased(command)) {
                if (setBased == null) {
                    setBased = new ArrayList<>();
                    runs.add(setBased);
                }
                setBased.add(command);
            } else {
                setBased = null;
                runs.add(List.of(command));
            }
        }
        return runs;
    }

    /**
     * A command the set-based path decides: a send without attachments (those lock uploads one send at a time), a
     * reaction or a read, with text and emoji every store can hold (anything else is refused alone, before a
     * statement sees it).
     */
    private static boolean isSetBased(ChatCommand command) {
        return (command instanceof SendMessage send && send.attachmentIds().isEmpty()
                || command instanceof ReactToMessage || command instanceof MarkRead)
                && unstorableText(command).isEmpty();
    }

    private Uni<CommandOutcome> decide(SqlClient tx, ChatCommand command) {
        Optional<Refused> unstorable = unstorableText(command);
        if (unstorable.isPresent()) {
            return Uni.createFrom().item(unstorable.get());
        }
        if (command instanceof MarkUnread unread) {
            return withMembership(tx, unread, membership -> markUnread(tx, unread));
        }
        return timeline.processed(tx, command.senderId(), command.sessionId(),
                command.clientId()).chain(done -> done.isPresent()
                ? Uni.createFrom().item(replay(command, done.get()))
                : withMembership(tx, command, membership -> change(tx, command, membership)));
    }

    /**
     * Text the stores cannot hold is refused before any statement sees it: the gateway checks the same rule, but a
     * record from elsewhere (an older gateway, a hand-made record) must not fail the batch's transaction for all.
     */
    private static Optional<Refused> unstorableText(ChatCommand command) {
        Optional<String> clientId = StorableText.refusal(command.clientId(), StorableText.Kind.LINE);
        if (clientId.isPresent()) {
            return Optional.of(new Refused(command, ErrorCode.INVALID_FIELD, "id: " + clientId.get()));
        }
        if (command instanceof ReactToMessage react) {
            return ReactionEmoji.refusal(react.emoji())
                    .map(reason -> new Refused(command, ErrorCode.INVALID_FIELD, "emoji: " + reason));
        }
        String body = command instanceof SendMessage send ? send.body()
                : command instanceof EditMessage edit ? edit.body() : null;
        return StorableText.refusal(body, StorableText.Kind.BODY)
                .map(reason -> new Refused(command, ErrorCode.INVALID_FIELD, "body: " + reason));
    }

    private Uni<CommandOutcome> change(SqlClient tx, ChatCommand command, Membership membership) {
        Refused archived = CommandRefusals.archived(command, membership);
        if (archived != null) {
            return Uni.createFrom().item(archived);
        }
        if (command instanceof SendMessage send) {
            return send(tx, send, membership);
        }
        if (command instanceof EditMessage edit) {
            return edit(tx, edit, membership);
        }
        return delete(tx, (DeleteMessage) command, membership);
    }

    /**
     * A retried command id: the same ack as the first time, and no new event. The conversation still counts as
     * changed: the first attempt's event may be stored but not yet on Kafka, and the ack must wait for that.
     */
    static CommandOutcome replay(ChatCommand command, ProcessedCommand done) {
        if (!done.conversationId().equals(command.conversationId())) {
            return new Refused(command, ErrorCode.INVALID_FIELD, "this id was already used for another conversation");
        }
        return new Accepted(command, new AckFrame(command.clientId(), done.conversationId(), done.messageId(),
                done.seq(), done.occurredAt()), done.conversationId(), null);
    }

    private Uni<CommandOutcome> withMembership(SqlClient tx, ChatCommand command,
                                               Function<Membership, Uni<CommandOutcome>> action) {
        return conversations.membership(tx, command.conversationId(), command.senderId()).chain(membership -> {
            if (membership.isEmpty()) {
                return Uni.createFrom().item(CommandRefusals.notAMember(command));
            }
            return action.apply(membership.get());
        });
    }

    private Uni<CommandOutcome> send(SqlClient tx, SendMessage send, Membership membership) {
        Refused refused = CommandRefusals.blocked(send, membership);
        if (refused == null) {
            refused = CommandRefusals.body(send, send.body(), config.limits().bodyLength());
        }
        if (refused != null) {
            return Uni.createFrom().item(refused);
        }
        List<UUID> attachmentIds = send.attachmentIds();
        if (attachmentIds.size() > MAX_ATTACHMENTS) {
            return refuse(send, ErrorCode.INVALID_FIELD, "attachments: at most " + MAX_ATTACHMENTS + " per message");
        }
        if (new HashSet<>(attachmentIds).size() != attachmentIds.size()) {
            return refuse(send, ErrorCode.INVALID_FIELD, "attachments: an upload is listed twice");
        }
        if (send.replyTo() != null && (send.replyTo() < 1 || send.replyTo() > membership.lastSeq())) {
            return refuse(send, ErrorCode.INVALID_FIELD, "replyTo: no such seq in this conversation");
        }
        return threadRoot(tx, send).chain(root -> {
            Refused rootRefused = send.threadRootId() == null ? null : CommandRun.threadRootRefusal(send, root);
            return rootRefused != null ? Uni.createFrom().<CommandOutcome>item(rootRefused)
                    : sendWithUploads(tx, send, membership, send.body());
        });
    }

    /** As {@link CommandRun} finds a thread reply's root (null: none to check, or no such message). */
    private Uni<MessageState> threadRoot(SqlClient tx, SendMessage send) {
        if (send.threadRootId() == null) {
            return Uni.createFrom().nullItem();
        }
        return runStatements.messages(tx, new UUID[] {send.conversationId()}, new UUID[] {send.threadRootId()})
                .map(found -> found.get(new MessageKey(send.conversationId(), send.threadRootId())));
    }

    private Uni<CommandOutcome> sendWithUploads(SqlClient tx, SendMessage send, Membership membership, String body) {
        List<UUID> attachmentIds = send.attachmentIds();
        return attachable(tx, send).chain(refs -> {
            if (refs.isEmpty()) {
                // The same answer for someone else's upload, one already attached, and one that never existed.
                return refuse(send, ErrorCode.INVALID_FIELD,
                        "attachments: no upload of yours with these ids that is not attached yet");
            }
            UUID messageId = UUID.randomUUID();
            Instant at = now();
            return mentions.resolve(tx, List.of(new MentionResolver.Send(send.conversationId(), send.senderId(),
                            membership, body)))
                    .map(found -> found.get(0))
                    .chain(names -> appender.append(tx, send.conversationId(), at, seq -> new MessageCreated(
                            send.conversationId(), seq, at, send.senderId(), messageId, send.clientId(), body,
                            send.format(), send.replyTo(), refs.get(), send.threadRootId(), send.alsoToConversation(),
                            names.userIds(), names.room())))
                    .call(event -> timeline.insertMessage(tx, messageId, send.conversationId(), event.seq(),
                            send.senderId(), send.threadRootId(), send.alsoToConversation()))
                    .call(() -> attachmentIds.isEmpty() ? Uni.createFrom().voidItem()
                            : attachments.attach(tx, attachmentIds, send.conversationId(), messageId))
                    .chain(event -> accept(tx, send, messageId, event));
        });
    }

    /**
     * The send's uploads in the order it lists them, locked for this transaction; empty unless every one is the
     * sender's own, stored, and not attached to another message yet.
     */
    private Uni<Optional<List<AttachmentRef>>> attachable(SqlClient tx, SendMessage send) {
        List<UUID> ids = send.attachmentIds();
        if (ids.isEmpty()) {
            return Uni.createFrom().item(Optional.of(List.of()));
        }
        return attachments.lockAttachable(tx, send.senderId(), ids).map(rows -> {
            if (rows.size() != ids.size()) {
                return Optional.empty();
            }
            Map<UUID, AttachmentRef> byId = rows.stream()
                    .collect(Collectors.toMap(AttachmentRow::id, AttachmentRow::ref));
            return Optional.of(ids.stream().map(byId::get).toList());
        });
    }

    /**
     * A new body, whose mentions are resolved again by the same rule as a send's: they replace the message's, so an
     * edit that adds {@code @someone} mentions them and one that removes a name stops mentioning it.
     */
    private Uni<CommandOutcome> edit(SqlClient tx, EditMessage edit, Membership membership) {
        Refused refused = CommandRefusals.body(edit, edit.body(), config.limits().bodyLength());
        if (refused != null) {
            return Uni.createFrom().item(refused);
        }
        return timeline.message(tx, edit.conversationId(), edit.messageId()).chain(message -> {
            if (message.isEmpty() || message.get().deleted()) {
                return refuse(edit, ErrorCode.NOT_FOUND, "no such message");
            }
            if (!message.get().senderId().equals(edit.senderId())) {
                return refuse(edit, ErrorCode.FORBIDDEN, "only the sender may edit a message");
            }
            Instant at = now();
            return mentions.resolve(tx, List.of(new MentionResolver.Send(edit.conversationId(), edit.senderId(),
                            membership, edit.body())))
                    .map(found -> found.get(0))
                    .chain(names -> appender.append(tx, edit.conversationId(), at, seq -> new MessageEdited(
                            edit.conversationId(), seq, at, edit.senderId(), edit.messageId(), edit.body(),
                            names.userIds(), names.room())))
                    .chain(event -> accept(tx, edit, edit.messageId(), event));
        });
    }

    private Uni<CommandOutcome> delete(SqlClient tx, DeleteMessage delete, Membership membership) {
        return timeline.message(tx, delete.conversationId(), delete.messageId()).chain(message -> {
            if (message.isEmpty() || message.get().deleted()) {
                return refuse(delete, ErrorCode.NOT_FOUND, "no such message");
            }
            if (!message.get().senderId().equals(delete.senderId()) && !membership.role().moderates()) {
                return refuse(delete, ErrorCode.FORBIDDEN, "only the sender or a room admin may delete a message");
            }
            Instant at = now();
            return timeline.markDeleted(tx, delete.messageId())
                    .chain(() -> attachments.deleteWithMessage(tx, delete.messageId(), at))
                    .chain(() -> appender.append(tx, delete.conversationId(), at, seq -> new MessageDeleted(
                            delete.conversationId(), seq, at, delete.senderId(), delete.messageId())))
                    .chain(event -> accept(tx, delete, delete.messageId(), event));
        });
    }

    /**
     * Moves the cursor back to just before the message, the one backwards move. Like a read it takes no seq and no
     * idempotency record: a retry sets the same position again. A message already unread changes nothing.
     */
    private Uni<CommandOutcome> markUnread(SqlClient tx, MarkUnread unread) {
        return timeline.message(tx, unread.conversationId(), unread.messageId()).chain(message -> {
            if (message.isEmpty() || message.get().deleted()) {
                return refuse(unread, ErrorCode.NOT_FOUND, "messageId: no such message in this conversation");
            }
            long cursor = message.get().seq() - 1;
            Instant at = now();
            return conversations.moveReadCursorBack(tx, unread.conversationId(), unread.senderId(), cursor)
                    .chain(moved -> moved.isPresent()
                            ? conversations.unreadAfter(tx, unread.conversationId(), unread.senderId(), cursor)
                                    .map(count -> new CursorMoved(unread, new AckFrame(unread.clientId(),
                                            unread.conversationId(), null, cursor, at), new ReadCursorMoved(
                                            unread.conversationId(), cursor, at, unread.senderId(), true), count))
                            : conversations.membership(tx, unread.conversationId(), unread.senderId())
                                    .map(current -> new Accepted(unread, new AckFrame(unread.clientId(),
                                            unread.conversationId(), null,
                                            current.map(Membership::readSeq).orElse(0L), at), null, null)));
        });
    }

    private Uni<CommandOutcome> accept(SqlClient tx, ChatCommand command, UUID messageId, TimelineEvent event) {
        ProcessedCommand result = new ProcessedCommand(command.conversationId(), messageId, event.seq(),
                event.occurredAt());
        return timeline.recordProcessed(tx, command.senderId(), command.sessionId(), command.clientId(), result)
                .replaceWith(new Accepted(command, new AckFrame(command.clientId(), command.conversationId(),
                        messageId, event.seq(), event.occurredAt()), command.conversationId(),
                        // Written again (rare commands only): exactly the payload Timeline stored.
                        new StoredEvent(command.conversationId(), event.seq(), appender.write(event))));
    }

    private static Uni<CommandOutcome> refuse(ChatCommand command, ErrorCode code, String message) {
        return Uni.createFrom().item(new Refused(command, code, message));
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }

    static Optional<UUID> changedConversation(CommandOutcome outcome) {
        return outcome instanceof Accepted accepted ? Optional.ofNullable(accepted.changed()) : Optional.empty();
    }
}
