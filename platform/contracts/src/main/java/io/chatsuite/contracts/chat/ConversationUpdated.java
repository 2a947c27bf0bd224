package io.chatsuite.contracts.chat;

import java.time.Instant;
import java.util.UUID;

/**
 * A room's new name, topic, visibility, archived state and who may mention it whole, all of them. An archived room is
 * read-only: nobody sends, edits, deletes or joins until its owner unarchives it. {@code everyoneMentionsRoom}: every
 * member may use {@code @room}/{@code @here}, not only the owner and admins. Events from before archiving or that
 * setting existed read as not archived and owner and admins only.
 */
public record ConversationUpdated(UUID conversationId, long seq, Instant occurredAt, UUID actorId,
                                  String name, String topic, boolean isPublic, boolean archived,
                                  boolean everyoneMentionsRoom)
        implements TimelineEvent {

    /** A room only its owner and admins may mention whole. */
    public ConversationUpdated(UUID conversationId, long seq, Instant occurredAt, UUID actorId, String name,
                               String topic, boolean isPublic, boolean archived) {
        this(conversationId, seq, occurredAt, actorId, name, topic, isPublic, archived, false);
    }
}
