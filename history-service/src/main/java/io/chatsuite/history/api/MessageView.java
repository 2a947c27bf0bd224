package io.chatsuite.history.api;

import io.chatsuite.contracts.chat.AttachmentRef;
import io.chatsuite.contracts.chat.MessageFormat;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A message as it stands now. {@code senderName} is the sender's current display name (null if unknown). A deleted
 * message keeps its seq and place; its body is null and its attachments and reactions empty. {@code reactions} lists
 * each emoji once, in the order it was first used. {@code threadRootId} is set on a thread reply
 * ({@code alsoToConversation}: shown in the conversation's list too); {@code thread} on a root with live replies.
 * {@code mentionedUserIds} and {@code roomMentioned} are whom its message.created event mentioned (the members by
 * name, and the whole room).
 */
public record MessageView(long seq, UUID messageId, UUID senderId, String senderName, String body,
                          MessageFormat format, List<AttachmentRef> attachments, Long replyTo, Instant sentAt,
                          Instant editedAt, boolean deleted, List<ReactionView> reactions, UUID threadRootId,
                          boolean alsoToConversation, ThreadSummary thread, List<UUID> mentionedUserIds,
                          boolean roomMentioned) {

    /** A message of the conversation's list that has no thread and mentions nobody. */
    public MessageView(long seq, UUID messageId, UUID senderId, String senderName, String body, MessageFormat format,
                       List<AttachmentRef> attachments, Long replyTo, Instant sentAt, Instant editedAt,
                       boolean deleted, List<ReactionView> reactions) {
        this(seq, messageId, senderId, senderName, body, format, attachments, replyTo, sentAt, editedAt, deleted,
                reactions, null, false, null, List.of(), false);
    }
}
