package io.chatsuite.history.api;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * What a thread's root shows: its live replies' count, the time of the last one, and the people who replied, each
 * once, in the order of their first reply.
 */
public record ThreadSummary(long replyCount, Instant lastReplyAt, List<UUID> participantIds) {

    public ThreadSummary {
        participantIds = participantIds == null ? List.of() : List.copyOf(participantIds);
    }
}
