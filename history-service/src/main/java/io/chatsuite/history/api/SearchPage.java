package io.chatsuite.history.api;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Matching messages, newest first. */
public record SearchPage(List<SearchHit> hits, int page, int size, boolean hasMore) {

    /** A match, linked by conversation and seq. */
    public record SearchHit(UUID conversationId, long seq, UUID messageId, UUID senderId, String senderName,
                            Instant sentAt, Snippet snippet) {
    }

    /**
     * Plain text from the body around the first match; {@code highlights} are the matched ranges in it as UTF-16
     * offsets (JavaScript string indexes), end exclusive. No markup: the client renders text and marks the ranges.
     */
    public record Snippet(String text, List<TextRange> highlights) {
    }

    public record TextRange(int start, int end) {
    }
}
