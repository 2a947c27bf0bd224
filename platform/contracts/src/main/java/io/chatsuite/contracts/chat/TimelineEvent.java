package io.chatsuite.contracts.chat;

/** An event that takes the conversation's next seq. */
public sealed interface TimelineEvent extends ChatEvent
        permits ConversationCreated, ConversationUpdated, ConversationDeleted, MemberJoined, MemberLeft,
        MessageCreated, MessageEdited, MessageDeleted, ReactionAdded, ReactionRemoved {
}
