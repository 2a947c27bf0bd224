package io.chatsuite.history.api;

import io.chatsuite.contracts.chat.ConversationKind;
import io.chatsuite.contracts.notification.ConversationNotifications;
import java.time.Instant;
import java.util.UUID;

/**
 * One of the caller's conversations. {@code name} is a room's name, for a direct conversation the other user's
 * display name ({@code peerId}), and for a group direct message ({@code kind} {@code GROUP_DIRECT}) the other
 * members' names, sorted and joined by ", " (those with no profile yet are left out; none known: null). {@code unreadCount} counts live messages from others after {@code readSeq};
 * {@code mentionCount} those of them that mention the caller, by name or as a member of the room ({@code @room}).
 * An {@code archived} room is read-only (deleted rooms are not listed at all). {@code notifications}: the caller's
 * settings for it as they stand now (a mute that ran out reads as none).
 */
public record ConversationSummary(UUID conversationId, ConversationKind kind, String name, UUID peerId,
                                  LastMessage lastMessage, Instant lastActivityAt, long latestSeq, long readSeq,
                                  long unreadCount, boolean archived, long mentionCount,
                                  ConversationNotifications notifications) {

    /**
     * The newest message: the first characters of its plain text (Markdown removed), or none if it was deleted;
     * {@code messageId} lets a client match a later edit or delete of it.
     */
    public record LastMessage(long seq, UUID messageId, UUID senderId, String senderName, String preview,
                              boolean deleted, Instant sentAt) {
    }
}
