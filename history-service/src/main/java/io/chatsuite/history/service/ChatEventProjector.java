package io.chatsuite.history.service;

import io.chatsuite.contracts.chat.ChatEvent;
import io.chatsuite.contracts.chat.ConversationCreated;
import io.chatsuite.contracts.chat.ConversationCreated.Member;
import io.chatsuite.contracts.chat.ConversationDeleted;
import io.chatsuite.contracts.chat.ConversationUpdated;
import io.chatsuite.contracts.chat.MemberJoined;
import io.chatsuite.contracts.chat.MemberLeft;
import io.chatsuite.contracts.chat.MessageCreated;
import io.chatsuite.contracts.chat.MessageDeleted;
import io.chatsuite.contracts.chat.MessageEdited;
import io.chatsuite.contracts.chat.ReadCursorMoved;
import io.chatsuite.contracts.chat.TimelineEvent;
import io.chatsuite.history.mapping.EventJson;
import io.chatsuite.history.repository.ConversationRepository;
import io.chatsuite.history.repository.MemberRepository;
import io.chatsuite.history.repository.MessageRepository;
import io.chatsuite.history.repository.ReactionChanges;
import io.chatsuite.history.repository.ReactionRepository;
import io.chatsuite.history.repository.ThreadFollowRepository;
import io.chatsuite.history.repository.TimelineEventRepository;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlClient;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Applies chat events to the read model, one event or a whole batch per transaction. A timeline event is first stored
 * under its (conversation, seq); only if that seq was new does it change messages, members or the conversation, so a
 * replayed event changes nothing. Read cursors move forward only, which makes them idempotent by themselves.
 */
@ApplicationScoped
public class ChatEventProjector {

    private final Pool pool;
    private final TimelineEventRepository timeline;
    private final ConversationRepository conversations;
    private final MemberRepository members;
    private final MessageRepository messages;
    private final ReactionRepository reactions;
    private final ThreadFollowRepository follows;
    private final EventJson json;

    public ChatEventProjector(Pool pool, TimelineEventRepository timeline, ConversationRepository conversations,
                              MemberRepository members, MessageRepository messages, ReactionRepository reactions,
                              ThreadFollowRepository follows, EventJson json) {
        this.follows = follows;
        this.reactions = reactions;
        this.pool = pool;
        this.timeline = timeline;
        this.conversations = conversations;
        this.members = members;
        this.messages = messages;
        this.json = json;
    }

    public Uni<Void> apply(ChatEvent event) {
        return apply(List.of(event));
    }

    /**
     * Applies a batch in one transaction, in its order (so each conversation's events apply in seq order). New
     * messages, reactions and forward read moves, most of the traffic, are gathered into runs ({@link SetBasedRun})
     * and stored set-based, a few statements per run whatever its length and however many conversations it spans;
     * every other event goes the one-at-a-time way between runs. A duplicate inside a run is dropped in memory; one
     * across runs or batches is a no-op like any replay.
     */
    public Uni<Void> apply(List<ChatEvent> events) {
        return pool.withTransaction(tx -> {
            Uni<Void> chain = Uni.createFrom().voidItem();
            SetBasedRun run = new SetBasedRun();
            for (ChatEvent event : events) {
                if (run.take(event)) {
                    continue;
                }
                if (!run.isEmpty()) {
                    SetBasedRun ended = run;
                    run = new SetBasedRun();
                    chain = chain.chain(() -> store(tx, ended));
                }
                chain = chain.chain(() -> applyOne(tx, event));
            }
            SetBasedRun last = run;
            return last.isEmpty() ? chain : chain.chain(() -> store(tx, last));
        });
    }

    /** Messages first: a reaction in the run may be to one of them. */
    private Uni<Void> store(SqlClient tx, SetBasedRun run) {
        List<TimelineEvent> reactionEvents = run.reactions();
        return storeMessages(tx, run.messages())
                .chain(() -> timeline.appendNew(tx, reactionEvents, reactionEvents.stream().map(json::write).toList()))
                .chain(fresh -> reactions.apply(tx, ReactionChanges.of(fresh)))
                .chain(() -> members.moveReadCursors(tx, run.reads()));
    }

    private Uni<Void> storeMessages(SqlClient tx, List<MessageCreated> run) {
        if (run.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        Map<String, MessageCreated> distinct = new LinkedHashMap<>();
        run.forEach(message -> distinct.putIfAbsent(message.conversationId() + "/" + message.seq(), message));
        List<MessageCreated> created = List.copyOf(distinct.values());
        List<String> payloads = created.stream().map(json::write).toList();
        List<String> words = created.stream().map(message -> SearchText.document(bodyOf(message.body()))).toList();
        return messages.insertNew(tx, created, payloads, words);
    }

    private Uni<Void> applyOne(SqlClient tx, ChatEvent event) {
        if (event instanceof ReadCursorMoved read) {
            // Only a move back comes here: a forward move goes with a run.
            return members.moveReadCursorBack(tx, read.conversationId(), read.actorId(), read.seq());
        }
        TimelineEvent timelineEvent = (TimelineEvent) event;
        // A deleted conversation stays deleted: a redelivered older event must not bring any of it back.
        return conversations.isDeleted(tx, timelineEvent.conversationId()).chain(deleted -> deleted
                ? Uni.createFrom().voidItem()
                : timeline.append(tx, timelineEvent, messageIdOf(timelineEvent), json.write(timelineEvent))
                        .chain(isNew -> isNew ? project(tx, timelineEvent) : Uni.createFrom().voidItem()));
    }

    private Uni<Void> project(SqlClient tx, TimelineEvent event) {
        UUID conversationId = event.conversationId();
        Uni<Void> change;
        if (event instanceof ConversationCreated created) {
            change = conversations.create(tx, created)
                    .chain(() -> members.add(tx, conversationId, created.members(), created.seq()));
        } else if (event instanceof ConversationUpdated updated) {
            change = conversations.update(tx, updated);
        } else if (event instanceof ConversationDeleted deleted) {
            return conversations.advance(tx, conversationId, deleted.seq())
                    .chain(() -> reactions.removeOfConversation(tx, conversationId))
                    .chain(() -> conversations.forget(tx, conversationId, deleted.seq()));
        } else if (event instanceof MemberJoined joined) {
            change = members.add(tx, conversationId, List.of(new Member(joined.userId(), joined.role())),
                    joined.seq());
        } else if (event instanceof MemberLeft left) {
            change = members.remove(tx, conversationId, left.userId())
                    .chain(() -> conversations.rememberDepartedPeer(tx, conversationId, left.userId()));
        } else if (event instanceof MessageEdited edited) {
            change = messages.edit(tx, conversationId, edited.messageId(), edited.body(), edited.occurredAt(),
                            SearchText.document(bodyOf(edited.body())), edited.mentionedUserIds(),
                            edited.roomMentioned())
                    .chain(root -> followMentioned(tx, conversationId, root, edited));
        } else {
            MessageDeleted deleted = (MessageDeleted) event;
            change = messages.delete(tx, conversationId, deleted.messageId())
                    .chain(() -> reactions.removeOfMessage(tx, deleted.messageId()))
                    .chain(() -> timeline.scrubMessage(tx, conversationId, deleted.messageId()));
        }
        return change.chain(() -> conversations.advance(tx, conversationId, event.seq()));
    }

    /** An edited thread reply that now names someone makes them follow its thread, as a new reply naming them does. */
    private Uni<Void> followMentioned(SqlClient tx, UUID conversationId, Optional<UUID> root, MessageEdited edited) {
        if (root.isEmpty() || !edited.mentionsResolved() || edited.mentionedUserIds().isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (UUID user : edited.mentionedUserIds()) {
            chain = chain.chain(() -> follows.follow(tx, conversationId, root.get(), user,
                    ThreadFollowRepository.MENTIONED));
        }
        return chain;
    }

    private static UUID messageIdOf(TimelineEvent event) {
        if (event instanceof MessageEdited edited) {
            return edited.messageId();
        }
        return event instanceof MessageDeleted deleted ? deleted.messageId() : null;
    }

    private static String bodyOf(String body) {
        return body == null ? "" : body;
    }
}
