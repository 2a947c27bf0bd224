package io.chatsuite.contracts.protocol;

import io.chatsuite.contracts.chat.ChatEvent;

/** A timeline event of a conversation the user is a member of; it carries conversationId and seq. */
public record EventFrame(ChatEvent event) implements ServerFrame {
}
