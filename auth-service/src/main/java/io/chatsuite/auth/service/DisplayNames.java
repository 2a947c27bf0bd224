package io.chatsuite.auth.service;

import io.chatsuite.problem.ProblemException;
import java.text.Normalizer;

/** The rule for display names: any script, trimmed, 1 to 64 characters, no control characters. */
public final class DisplayNames {

    public static final int MAX_LENGTH = 64;

    private DisplayNames() {
    }

    /** The name trimmed and in Unicode NFC (so one visible name has one form), or 400 naming the field. */
    public static String normalize(String raw) {
        String name = Normalizer.normalize(raw.strip(), Normalizer.Form.NFC);
        if (name.isEmpty()) {
            throw ProblemException.invalidField("displayName", "must not be blank");
        }
        if (name.codePointCount(0, name.length()) > MAX_LENGTH) {
            throw ProblemException.invalidField("displayName", "must be at most " + MAX_LENGTH + " characters");
        }
        // Control characters, and line and paragraph separators, would break every place a name is shown.
        if (name.codePoints().anyMatch(c -> Character.isISOControl(c)
                || Character.getType(c) == Character.LINE_SEPARATOR
                || Character.getType(c) == Character.PARAGRAPH_SEPARATOR)) {
            throw ProblemException.invalidField("displayName", "must not contain control characters");
        }
        return name;
    }
}
