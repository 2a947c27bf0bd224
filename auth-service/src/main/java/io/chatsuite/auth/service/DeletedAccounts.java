package io.chatsuite.auth.service;

import java.util.Locale;
import java.util.UUID;

/**
 * What a deleted account looks like from then on: the username is freed for others and replaced by a tombstone
 * derived from the id, and the display name every client shows beside the kept messages is "Deleted user".
 */
final class DeletedAccounts {

    static final String DISPLAY_NAME = "Deleted user";
    /** Reserved: nobody may register a name that could pass for a deleted account. */
    static final String USERNAME_PREFIX = "deleted-user-";

    private DeletedAccounts() {
    }

    /** {@code deleted-user-} and the first 12 hex digits of the id: 25 characters, a valid username. */
    static String tombstoneFor(UUID userId) {
        return USERNAME_PREFIX + userId.toString().replace("-", "").substring(0, 12);
    }

    static boolean isTombstone(String username) {
        return username != null && username.toLowerCase(Locale.ROOT).startsWith(USERNAME_PREFIX);
    }
}
