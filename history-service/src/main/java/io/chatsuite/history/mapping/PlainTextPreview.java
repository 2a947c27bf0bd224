package io.chatsuite.history.mapping;

/**
 * The plain text a conversation list shows for a message: the Markdown subset messages use (**bold**, *italic* or
 * _italic_, `code`, [label](url), backslash escapes) reduced to the words a reader sees, white space run together,
 * cut to a length without splitting a surrogate pair. The rules follow the web client's parser
 * (platform/web-client/src/text/markdown.ts), so a preview from here reads like the message on screen.
 */
public final class PlainTextPreview {

    /** As deep as the client nests emphasis and link labels; deeper markers stay as typed. */
    private static final int MAX_DEPTH = 4;
    private static final String ESCAPABLE = "\\`*_[]()";

    private PlainTextPreview() {
    }

    /** The preview of a body in the given format (markdown or plain, any case); null for a deleted message's body. */
    public static String of(String body, String format, int length) {
        if (body == null) {
            return null;
        }
        String text = "plain".equalsIgnoreCase(format) ? body : plainText(body);
        return cut(text.replaceAll("\\s+", " ").strip(), length);
    }

    /** The text of a Markdown body without its markers. */
    static String plainText(String source) {
        StringBuilder out = new StringBuilder(source.length());
        append(source, 0, out);
        return out.toString();
    }

    private static void append(String source, int depth, StringBuilder out) {
        int length = source.length();
        int i = 0;
        while (i < length) {
            char c = source.charAt(i);
            if (c == '\\' && i + 1 < length && ESCAPABLE.indexOf(source.charAt(i + 1)) >= 0) {
                out.append(source.charAt(i + 1));
                i += 2;
                continue;
            }
            if (c == '`') {
                int end = source.indexOf('`', i + 1);
                if (end > i + 1) {
                    out.append(source, i + 1, end);
                    i = end + 1;
                    continue;
                }
            }
            if (depth < MAX_DEPTH && source.startsWith("**", i)) {
                int end = source.indexOf("**", i + 2);
                if (end > i + 2) {
                    append(source.substring(i + 2, end), depth + 1, out);
                    i = end + 2;
                    continue;
                }
            }
            if (depth < MAX_DEPTH && (c == '*' || c == '_') && i + 1 < length
                    && !Character.isWhitespace(source.charAt(i + 1))
                    && (c == '*' || i == 0 || !isWordCharacter(source.charAt(i - 1)))) {
                int end = closing(source, i + 1, c);
                if (end > i + 1) {
                    append(source.substring(i + 1, end), depth + 1, out);
                    i = end + 1;
                    continue;
                }
            }
            if (c == '[' && depth < MAX_DEPTH) {
                int close = source.indexOf("](", i + 1);
                int end = close < 0 ? -1 : source.indexOf(')', close + 2);
                if (close > i + 1 && end > close + 2 && source.substring(i + 1, close).indexOf('[') < 0) {
                    // A link shows its label, whatever its target.
                    append(source.substring(i + 1, close), depth + 1, out);
                    i = end + 1;
                    continue;
                }
            }
            out.append(c);
            i++;
        }
    }

    /** A closing single marker not preceded by white space and (for _) not followed by a word character. */
    private static int closing(String source, int from, char marker) {
        for (int j = from; j < source.length(); j++) {
            char c = source.charAt(j);
            if (c == '\\') {
                j++;
                continue;
            }
            if (c == marker && !Character.isWhitespace(source.charAt(j - 1))) {
                if (marker == '*' && j + 1 < source.length() && source.charAt(j + 1) == '*') {
                    j++;
                    continue;
                }
                if (marker == '_' && j + 1 < source.length() && isWordCharacter(source.charAt(j + 1))) {
                    continue;
                }
                return j;
            }
        }
        return -1;
    }

    /** JavaScript's \w, as the client tests it. */
    private static boolean isWordCharacter(char c) {
        return c == '_' || (c < 128 && Character.isLetterOrDigit(c));
    }

    private static String cut(String text, int length) {
        if (text.length() <= length) {
            return text;
        }
        int end = Character.isHighSurrogate(text.charAt(length - 1)) ? length - 1 : length;
        return text.substring(0, end);
    }
}
