package io.chatsuite.chat.service;

import io.chatsuite.chat.repository.StoredEvent;
import io.chatsuite.contracts.chat.ChatCommand;
import io.chatsuite.contracts.chat.ReadCursorMoved;
import io.chatsuite.contracts.protocol.AckFrame;
import io.chatsuite.contracts.protocol.ErrorCode;
import java.util.UUID;

/** What became of one command; the replies go out only after its events are durable. */
sealed interface CommandOutcome {

    ChatCommand command();

    /**
     * Done (or done before, for a retried id). {@code changed} is the conversation whose events up to the ack's seq
     * must be on Kafka before the ack leaves, or null; {@code stored} is the event this command stored now, or null.
     */
    record Accepted(ChatCommand command, AckFrame ack, UUID changed, StoredEvent stored) implements CommandOutcome {
    }

    /**
     * A read that moved the sender's cursor: other members get a receipt. Moved back ("mark as unread"), only the
     * sender's own devices hear of it, with {@code unreadCount} (null for a read).
     */
    record CursorMoved(ChatCommand command, AckFrame ack, ReadCursorMoved moved, Long unreadCount)
            implements CommandOutcome {

        CursorMoved(ChatCommand command, AckFrame ack, ReadCursorMoved moved) {
            this(command, ack, moved, null);
        }
    }

    /** Refused: the sender gets an error frame with the command's id. */
    record Refused(ChatCommand command, ErrorCode code, String message) implements CommandOutcome {
    }
}
