package io.chatsuite.contracts.chat;

/** How a message body is meant to be shown. Clients render it; nothing ever becomes HTML from user text. */
public enum MessageFormat {
    /** Plain text, shown as it is. */
    PLAIN,
    /** The Markdown subset clients render: bold, italic, code, links. */
    MARKDOWN
}
