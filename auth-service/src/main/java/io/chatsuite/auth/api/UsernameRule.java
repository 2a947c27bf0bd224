package io.chatsuite.auth.api;

/** The one definition of a valid username: ASCII letters and digits (no look-alike letters), '_', '.' and '-'. */
public final class UsernameRule {

    public static final String PATTERN = "[A-Za-z0-9_.-]{3,32}";
    public static final String MESSAGE = "must be 3 to 32 letters, digits, '_', '.' or '-'";

    private UsernameRule() {
    }
}
