package io.chatsuite.chat.repository;

import io.chatsuite.contracts.chat.ConversationKind;
import io.chatsuite.contracts.chat.MemberRole;

/**
 * What authorizing a command needs to know about its sender in its conversation.
 *
 * @param blocked a block stands between the two users of a direct conversation
 * @param archived the room is archived: read-only
 */
public record Membership(MemberRole role, ConversationKind kind, long lastSeq, long readSeq, boolean blocked,
                         boolean archived) {
}
