package io.chatsuite.chat.attachment;

import io.chatsuite.contracts.text.StorableText;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;

/**
 * File names as the client gave them are data, never paths or markup: a name is cut to its last path segment,
 * characters single-line text may not hold ({@link StorableText}) and bidirectional overrides are dropped, and it is
 * bounded in length. Markup characters are kept as text (clients render names as text); the download header encodes
 * them safely ({@link #contentDisposition}).
 */
public final class FileNames {

    static final int MAX_LENGTH = 255;
    private static final String FALLBACK = "file";

    private FileNames() {
    }

    public static String clean(String raw) {
        if (raw == null) {
            return FALLBACK;
        }
        String name = Normalizer.normalize(raw, Normalizer.Form.NFC);
        int slash = Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\'));
        name = name.substring(slash + 1);
        StringBuilder kept = new StringBuilder(name.length());
        name.codePoints().filter(FileNames::allowed).forEach(kept::appendCodePoint);
        name = kept.toString().strip();
        // A name made only of dots would read as "here" or "up" to anything that treats it as a path.
        if (name.isEmpty() || name.chars().allMatch(c -> c == '.')) {
            return FALLBACK;
        }
        if (name.length() > MAX_LENGTH) {
            int end = MAX_LENGTH;
            if (Character.isHighSurrogate(name.charAt(end - 1))) {
                end--;
            }
            name = name.substring(0, end);
        }
        return name;
    }

    private static boolean allowed(int codePoint) {
        // The suite's rule for single-line text: no U+0000, controls, line breaks or unpaired surrogates.
        if (!StorableText.isStorable(Character.toString(codePoint), StorableText.Kind.LINE)) {
            return false;
        }
        int type = Character.getType(codePoint);
        // Format characters include the bidi overrides that make "txt.exe" look like "exe.txt".
        return type != Character.FORMAT && type != Character.UNASSIGNED && type != Character.PRIVATE_USE
                && type != Character.SURROGATE;
    }

    /**
     * A Content-Disposition value: an ASCII-only quoted {@code filename} fallback in which anything but letters,
     * digits and {@code . _ -} and space becomes '_', and the exact name as RFC 5987 {@code filename*}.
     */
    public static String contentDisposition(boolean inline, String name) {
        StringBuilder fallback = new StringBuilder(name.length());
        name.codePoints().forEach(c -> {
            boolean plain = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || c == '.' || c == '_' || c == '-' || c == ' ';
            fallback.append(plain ? (char) c : '_');
        });
        return (inline ? "inline" : "attachment") + "; filename=\"" + fallback + "\"; filename*=UTF-8''"
                + encodeRfc5987(name);
    }

    private static String encodeRfc5987(String value) {
        StringBuilder encoded = new StringBuilder();
        for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xff);
            boolean attrChar = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || "!#$&+-.^_`|~".indexOf(c) >= 0;
            if (attrChar) {
                encoded.append(c);
            } else {
                encoded.append('%').append(Character.toUpperCase(Character.forDigit((b >> 4) & 0xf, 16)))
                        .append(Character.toUpperCase(Character.forDigit(b & 0xf, 16)));
            }
        }
        return encoded.toString();
    }
}
