package io.chatsuite.contracts.chat;

import java.util.Locale;

/** The one rule for enum values on the wire: written in lower case, read in either case. */
public final class WireNames {

    private WireNames() {
    }

    public static <E extends Enum<E>> E parse(Class<E> type, String name) {
        if (name == null) {
            return null;
        }
        try {
            return Enum.valueOf(type, name.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("not a " + type.getSimpleName() + ": '" + name + "'", e);
        }
    }
}
