package io.chatsuite.auth.api;

/**
 * The one definition of an acceptable new password, for registration and password changes alike: its length here,
 * and not one of the most common passwords ({@code CommonPasswords#refuse}).
 */
public final class PasswordRule {

    public static final int MIN_LENGTH = 8;
    public static final int MAX_LENGTH = 128;

    private PasswordRule() {
    }
}
