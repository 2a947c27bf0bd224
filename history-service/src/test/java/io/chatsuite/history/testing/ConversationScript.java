package io.chatsuite.history.testing;

import io.chatsuite.contracts.chat.AttachmentRef;
import io.chatsuite.contracts.chat.ConversationCreated;
import io.chatsuite.contracts.chat.ConversationCreated.Member;
import io.chatsuite.contracts.chat.ConversationKind;
import io.chatsuite.contracts.chat.ConversationDeleted;
import io.chatsuite.contracts.chat.ConversationUpdated;
import io.chatsuite.contracts.chat.MemberJoined;
import io.chatsuite.contracts.chat.MemberLeft;
import io.chatsuite.contracts.chat.MemberRole;
import io.chatsuite.contracts.chat.MessageCreated;
import io.chatsuite.contracts.chat.MessageDeleted;
import io.chatsuite.contracts.chat.MessageEdited;
import io.chatsuite.contracts.chat.MessageFormat;
import io.chatsuite.contracts.chat.ReactionAdded;
import io.chatsuite.contracts.chat.ReactionRemoved;
import io.chatsuite.contracts.chat.ReadCursorMoved;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Writes one conversation's events as chat-service would: gapless seqs from 1, server times in milliseconds that
 * only grow (across all scripts, so "most recent activity" is well defined in tests).
 */
public final class ConversationScript {

    private static final AtomicLong CLOCK = new AtomicLong();

    private final UUID id = UUID.randomUUID();
    private long seq;

    public UUID id() {
        return id;
    }

    /** The seq of the last timeline event written. */
    public long seq() {
        return seq;
    }

    public ConversationCreated group(String name, TestUser owner, TestUser... others) {
        List<Member> members = new ArrayList<>(List.of(new Member(owner.id(), MemberRole.OWNER)));
        for (TestUser other : others) {
            members.add(new Member(other.id(), MemberRole.MEMBER));
        }
        return new ConversationCreated(id, ++seq, now(), owner.id(), ConversationKind.GROUP, name, "", false,
                members);
    }

    public ConversationCreated direct(TestUser one, TestUser other) {
        return new ConversationCreated(id, ++seq, now(), one.id(), ConversationKind.DIRECT, null, null, false,
                List.of(new Member(one.id(), MemberRole.MEMBER), new Member(other.id(), MemberRole.MEMBER)));
    }

    public ConversationCreated groupDirect(TestUser requester, TestUser... others) {
        List<Member> members = new ArrayList<>(List.of(new Member(requester.id(), MemberRole.MEMBER)));
        for (TestUser other : others) {
            members.add(new Member(other.id(), MemberRole.MEMBER));
        }
        return new ConversationCreated(id, ++seq, now(), requester.id(), ConversationKind.GROUP_DIRECT, null, null,
                false, members);
    }

    public MessageCreated message(TestUser sender, String body) {
        return message(sender, body, MessageFormat.MARKDOWN, null, List.of());
    }

    public MessageCreated message(TestUser sender, String body, MessageFormat format, Long replyTo,
                                  List<AttachmentRef> attachments) {
        return new MessageCreated(id, ++seq, now(), sender.id(), UUID.randomUUID(), "c-" + UUID.randomUUID(), body,
                format, replyTo, attachments);
    }

    /** A message whose event names these members as mentioned, and the room if {@code room}. */
    public MessageCreated mentioning(TestUser sender, String body, List<TestUser> mentioned, boolean room) {
        return new MessageCreated(id, ++seq, now(), sender.id(), UUID.randomUUID(), "c-" + UUID.randomUUID(), body,
                MessageFormat.MARKDOWN, null, List.of(), null, false, mentioned.stream().map(TestUser::id).toList(),
                room);
    }

    /** A reply in the thread under {@code root}; {@code alsoToConversation}: shown in the conversation's list too. */
    public MessageCreated threadReply(TestUser sender, MessageCreated root, String body, boolean alsoToConversation) {
        return new MessageCreated(id, ++seq, now(), sender.id(), UUID.randomUUID(), "c-" + UUID.randomUUID(), body,
                MessageFormat.MARKDOWN, null, List.of(), root.messageId(), alsoToConversation, List.of(), false);
    }

    /** A thread reply whose event names these members as mentioned. */
    public MessageCreated threadReplyMentioning(TestUser sender, MessageCreated root, String body,
                                                List<TestUser> mentioned) {
        return new MessageCreated(id, ++seq, now(), sender.id(), UUID.randomUUID(), "c-" + UUID.randomUUID(), body,
                MessageFormat.MARKDOWN, null, List.of(), root.messageId(), false,
                mentioned.stream().map(TestUser::id).toList(), false);
    }

    /** An edit whose event names whom the new body mentions, as chat-service resolves it now. */
    public MessageEdited editMentioning(MessageCreated message, String body, List<TestUser> mentioned, boolean room) {
        return new MessageEdited(id, ++seq, now(), message.actorId(), message.messageId(), body,
                mentioned.stream().map(TestUser::id).toList(), room);
    }

    public MessageEdited edit(MessageCreated message, String body) {
        return new MessageEdited(id, ++seq, now(), message.actorId(), message.messageId(), body);
    }

    public MessageDeleted delete(MessageCreated message) {
        return new MessageDeleted(id, ++seq, now(), message.actorId(), message.messageId());
    }

    public ReactionAdded react(TestUser user, MessageCreated message, String emoji) {
        return new ReactionAdded(id, ++seq, now(), user.id(), message.messageId(), emoji);
    }

    public ReactionRemoved unreact(TestUser user, MessageCreated message, String emoji) {
        return new ReactionRemoved(id, ++seq, now(), user.id(), message.messageId(), emoji);
    }

    public MemberJoined join(TestUser user) {
        return new MemberJoined(id, ++seq, now(), user.id(), user.id(), MemberRole.MEMBER);
    }

    public MemberLeft leave(TestUser user) {
        return new MemberLeft(id, ++seq, now(), user.id(), user.id());
    }

    public ConversationUpdated rename(TestUser actor, String name) {
        return new ConversationUpdated(id, ++seq, now(), actor.id(), name, "", false, false);
    }

    public ConversationUpdated archive(TestUser owner, String name, boolean archived) {
        return new ConversationUpdated(id, ++seq, now(), owner.id(), name, "", false, archived);
    }

    public ConversationDeleted deleteRoom(TestUser owner, TestUser... formerMembers) {
        return new ConversationDeleted(id, ++seq, now(), owner.id(),
                java.util.Arrays.stream(formerMembers).map(TestUser::id).toList());
    }

    /** Not a timeline event: takes no seq. */
    public ReadCursorMoved read(TestUser reader, long upTo) {
        return new ReadCursorMoved(id, upTo, now(), reader.id());
    }

    /** "Mark as unread": the reader's cursor moved back to just before the message. Takes no seq either. */
    public ReadCursorMoved markUnread(TestUser reader, MessageCreated message) {
        return new ReadCursorMoved(id, message.seq() - 1, now(), reader.id(), true);
    }

    private static Instant now() {
        long millis = CLOCK.updateAndGet(last -> Math.max(last + 1, System.currentTimeMillis()));
        return Instant.ofEpochMilli(millis);
    }
}
