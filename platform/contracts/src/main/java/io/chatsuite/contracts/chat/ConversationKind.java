package io.chatsuite.contracts.chat;

public enum ConversationKind {
    /** Exactly two users; asking again returns the same conversation. */
    DIRECT,
    /** A room with a name, roles and any number of members. */
    GROUP
}
