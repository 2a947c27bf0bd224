package io.chatsuite.contracts.chat;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * The owner deleted the room: the last event of its timeline. Everyone in {@code formerMembers} is no longer a
 * member (the event reaches them all, so their clients drop the room); its messages and files are unreachable for
 * everyone from then on, and history-service forgets them.
 */
public record ConversationDeleted(UUID conversationId, long seq, Instant occurredAt, UUID actorId,
                                  List<UUID> formerMembers) implements TimelineEvent {

    public ConversationDeleted {
        formerMembers = formerMembers == null ? List.of() : List.copyOf(formerMembers);
    }
}
