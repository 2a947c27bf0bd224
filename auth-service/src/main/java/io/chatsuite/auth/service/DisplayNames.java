package io.chatsuite.auth.service;

import io.chatsuite.contracts.text.StorableText;
import io.chatsuite.problem.ProblemException;
import java.text.Normalizer;

/** The rule for display names: any script, trimmed, 1 to 64 characters, single-line storable text. */
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
        // A name is shown on one line and stored as is: the suite's one rule for single-line text.
        StorableText.refusal(name, StorableText.Kind.LINE).ifPresent(reason -> {
            throw ProblemException.invalidField("displayName", reason);
        });
        return name;
    }
}
