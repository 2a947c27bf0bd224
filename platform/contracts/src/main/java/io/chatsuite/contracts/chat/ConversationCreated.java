package io.chatsuite.contracts.chat;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Always seq 1 of a conversation; the members are listed with their roles. */
public record ConversationCreated(UUID conversationId, long seq, Instant occurredAt, UUID actorId,
                                  ConversationKind kind, String name, String topic, boolean isPublic,
                                  List<Member> members) implements TimelineEvent {

    public record Member(UUID userId, MemberRole role) {
    }
}
