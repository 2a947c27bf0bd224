package io.chatsuite.contracts.chat;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Post a message. {@code replyTo} is the seq of the message answered, or null. */
public record SendMessage(String clientId, UUID conversationId, UUID senderId, UUID sessionId, Instant receivedAt,
                          String body, MessageFormat format, Long replyTo, List<UUID> attachmentIds)
        implements ChatCommand {

    public SendMessage {
        attachmentIds = attachmentIds == null ? List.of() : List.copyOf(attachmentIds);
        format = format == null ? MessageFormat.MARKDOWN : format;
    }
}
