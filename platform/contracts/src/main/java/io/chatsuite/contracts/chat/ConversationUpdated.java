package io.chatsuite.contracts.chat;

import java.time.Instant;
import java.util.UUID;

/**
 * A room's new name, topic, visibility and archived state, whole. An archived room is read-only: nobody sends,
 * edits, deletes or joins until its owner unarchives it. Events from before archiving existed read as not archived.
 */
public record ConversationUpdated(UUID conversationId, long seq, Instant occurredAt, UUID actorId,
                                  String name, String topic, boolean isPublic, boolean archived)
        implements TimelineEvent {
}
