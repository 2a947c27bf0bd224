package io.chatsuite.contracts.chat;

import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one rule for what a message body mentions, applied by chat-service to every send (a client's claim is never
 * trusted): {@code @username} with a username's characters (letters, digits, '_', '.', '-'; 3 to 32 of them), and
 * {@code @room} or {@code @here} for everyone in a room. An {@code @} right after a letter, digit or one of the
 * username characters is not a mention (so {@code ann@example.com} mentions nobody), a trailing '.' or '-' is
 * sentence punctuation, and text inside backticks (inline code and fenced blocks) mentions nobody. Usernames are
 * compared without case, as auth-service keeps them unique; {@code room} and {@code here} are reserved words here.
 *
 * @param usernames the usernames mentioned, lower-cased, in order of first mention
 * @param room {@code @room} or {@code @here} appears
 */
public record Mentions(Set<String> usernames, boolean room) {

    /** A username's characters, the same as auth-service's registration rule. */
    public static final String USERNAME_CHARACTERS = "A-Za-z0-9_.-";
    public static final Set<String> ROOM_WORDS = Set.of("room", "here");
    public static final Mentions NONE = new Mentions(Set.of(), false);

    private static final Pattern CODE = Pattern.compile("```.*?(```|$)|`[^`\\n]*`", Pattern.DOTALL);
    private static final Pattern MENTION = Pattern.compile(
            "(?<![" + USERNAME_CHARACTERS + "@])@([" + USERNAME_CHARACTERS + "]{3,64})");

    public Mentions {
        usernames = Collections.unmodifiableSet(new LinkedHashSet<>(usernames));
    }

    /** What {@code body} mentions; none for null or empty text. */
    public static Mentions in(String body) {
        if (body == null || body.indexOf('@') < 0) {
            return NONE;
        }
        Matcher matcher = MENTION.matcher(CODE.matcher(body).replaceAll(" "));
        Set<String> usernames = new LinkedHashSet<>();
        boolean room = false;
        while (matcher.find()) {
            String name = matcher.group(1).replaceAll("[.-]+$", "").toLowerCase(Locale.ROOT);
            if (ROOM_WORDS.contains(name)) {
                room = true;
            } else if (name.length() >= 3 && name.length() <= 32) {
                usernames.add(name);
            }
        }
        return usernames.isEmpty() && !room ? NONE : new Mentions(usernames, room);
    }

    public boolean isEmpty() {
        return usernames.isEmpty() && !room;
    }
}
