package io.chatsuite.contracts.chat;

import java.time.Instant;
import java.util.UUID;

/** A room's new name, topic and visibility, whole. */
public record ConversationUpdated(UUID conversationId, long seq, Instant occurredAt, UUID actorId,
                                  String name, String topic, boolean isPublic) implements TimelineEvent {
}
