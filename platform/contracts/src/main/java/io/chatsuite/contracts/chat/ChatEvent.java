package io.chatsuite.contracts.chat;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.time.Instant;
import java.util.UUID;

/**
 * What chat-service publishes on {@code chat.events}, keyed by {@link #conversationId()}, and pushes to members.
 *
 * <p>Every {@link TimelineEvent} carries the conversation's next seq: 1, 2, 3... without a gap. A
 * {@link ReadCursorMoved} is not part of the timeline (seq is the cursor's position, not a new number); it travels
 * on the same topic so history-service can count unread messages.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
        @JsonSubTypes.Type(value = ConversationCreated.class, name = "conversation.created"),
        @JsonSubTypes.Type(value = ConversationUpdated.class, name = "conversation.updated"),
        @JsonSubTypes.Type(value = ConversationDeleted.class, name = "conversation.deleted"),
        @JsonSubTypes.Type(value = MemberJoined.class, name = "member.joined"),
        @JsonSubTypes.Type(value = MemberLeft.class, name = "member.left"),
        @JsonSubTypes.Type(value = MessageCreated.class, name = "message.created"),
        @JsonSubTypes.Type(value = MessageEdited.class, name = "message.edited"),
        @JsonSubTypes.Type(value = MessageDeleted.class, name = "message.deleted"),
        @JsonSubTypes.Type(value = ReactionAdded.class, name = "reaction.added"),
        @JsonSubTypes.Type(value = ReactionRemoved.class, name = "reaction.removed"),
        @JsonSubTypes.Type(value = ReadCursorMoved.class, name = "read.cursor-moved")
})
@JsonIgnoreProperties(ignoreUnknown = true)
public sealed interface ChatEvent permits TimelineEvent, ReadCursorMoved {

    int VERSION = 1;

    UUID conversationId();

    long seq();

    /** The server's time of the change, UTC, millisecond precision. */
    Instant occurredAt();

    /** The user whose command caused the event. */
    UUID actorId();

    @JsonProperty("v")
    default int version() {
        return VERSION;
    }
}
