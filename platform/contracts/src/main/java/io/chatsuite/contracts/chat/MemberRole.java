package io.chatsuite.contracts.chat;

public enum MemberRole {
    OWNER,
    ADMIN,
    MEMBER;

    /** Owners and admins manage members and may delete anyone's message. */
    public boolean moderates() {
        return this != MEMBER;
    }
}
