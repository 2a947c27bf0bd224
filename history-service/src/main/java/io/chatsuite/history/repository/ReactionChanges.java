package io.chatsuite.history.repository;

import io.chatsuite.contracts.chat.ReactionAdded;
import io.chatsuite.contracts.chat.ReactionRemoved;
import io.chatsuite.contracts.chat.TimelineEvent;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * What a run of new reaction events leaves in the reactions table, one change per (message, user, emoji), as applying
 * them one at a time would: a first add keeps an existing row (a replay) and a later add of the same key does
 * nothing; a removal deletes; an add after a removal stores the row again with the later add's seq (the order chips
 * and people are listed in).
 */
public final class ReactionChanges {

    public enum Kind {
        /** Insert unless the row is there. */
        ADD,
        /** Removed, then added again: the row ends with this seq whatever was there. */
        REPLACE,
        REMOVE
    }

    /** {@code seq} is null for {@link Kind#REMOVE}. */
    public record Change(UUID conversationId, UUID messageId, UUID userId, String emoji, Long seq, Kind kind) {
    }

    private record Key(UUID messageId, UUID userId, String emoji) {
    }

    private static final class Pending {
        private final UUID conversationId;
        private boolean removed;
        private Long addedSeq;

        private Pending(UUID conversationId) {
            this.conversationId = conversationId;
        }
    }

    private ReactionChanges() {
    }

    /** The changes of reaction events (added or removed) in the order they were decided; other events are ignored. */
    public static List<Change> of(List<? extends TimelineEvent> events) {
        Map<Key, Pending> byKey = new LinkedHashMap<>();
        for (TimelineEvent event : events) {
            if (event instanceof ReactionAdded added) {
                Pending pending = byKey.computeIfAbsent(new Key(added.messageId(), added.actorId(), added.emoji()),
                        key -> new Pending(added.conversationId()));
                if (pending.addedSeq == null) {
                    pending.addedSeq = added.seq();
                }
            } else if (event instanceof ReactionRemoved removed) {
                Pending pending = byKey.computeIfAbsent(
                        new Key(removed.messageId(), removed.actorId(), removed.emoji()),
                        key -> new Pending(removed.conversationId()));
                pending.removed = true;
                pending.addedSeq = null;
            }
        }
        List<Change> changes = new ArrayList<>(byKey.size());
        byKey.forEach((key, pending) -> changes.add(new Change(pending.conversationId, key.messageId(),
                key.userId(), key.emoji(), pending.addedSeq, pending.addedSeq == null ? Kind.REMOVE
                        : pending.removed ? Kind.REPLACE : Kind.ADD)));
        return changes;
    }
}
