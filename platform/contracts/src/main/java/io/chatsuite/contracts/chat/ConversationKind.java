package io.chatsuite.contracts.chat;

public enum ConversationKind {
    /** Exactly two users; asking again returns the same conversation. */
    DIRECT,
    /** A room with a name, roles and any number of members. */
    GROUP,
    /**
     * A group direct message: {@link GroupDirectMembers} people, no name and no roles; asking again for the same set
     * of people returns the same conversation. Blocks apply as in {@link #DIRECT}.
     */
    GROUP_DIRECT;

    /** A room has a name, roles and settings; direct and group direct conversations have none of them. */
    public boolean isRoom() {
        return this == GROUP;
    }
}
