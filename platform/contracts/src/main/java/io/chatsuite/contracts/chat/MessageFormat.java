package io.chatsuite.contracts.chat;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/**
 * How a message body is meant to be shown. Clients render it; nothing ever becomes HTML from user text. On the wire
 * (frames, events, history) it is {@code markdown} or {@code plain}; events stored before that spelling
 * ({@code MARKDOWN}) still read.
 */
public enum MessageFormat {
    /** Plain text, shown as it is. */
    PLAIN,
    /** The Markdown subset clients render: bold, italic, code, links. */
    MARKDOWN;

    @JsonValue
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The format a wire name (either case) names; unknown names are refused. */
    @JsonCreator
    public static MessageFormat fromWire(String name) {
        return WireNames.parse(MessageFormat.class, name);
    }
}
