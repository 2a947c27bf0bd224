package io.chatsuite.auth.repository;

/** Everything between a user ("I") and another user, as stored. */
public record PairRelationship(boolean iRequested, boolean theyRequested, boolean friends, boolean iBlocked,
                               boolean theyBlocked) {

    public boolean related() {
        return friends || iRequested || theyRequested;
    }
}
