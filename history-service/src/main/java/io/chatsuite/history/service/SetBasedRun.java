package io.chatsuite.history.service;

import io.chatsuite.contracts.chat.ChatEvent;
import io.chatsuite.contracts.chat.MessageCreated;
import io.chatsuite.contracts.chat.ReactionAdded;
import io.chatsuite.contracts.chat.ReactionRemoved;
import io.chatsuite.contracts.chat.ReadCursorMoved;
import io.chatsuite.contracts.chat.TimelineEvent;
import java.util.ArrayList;
import java.util.List;

/**
 * A stretch of a batch that is projected set-based: new messages, reactions and forward read moves, the bulk of the
 * traffic. Within such a stretch the order across kinds does not matter once the messages go first: a reaction's
 * message, if in the stretch, came before it; a read only moves a cursor forward. Every other event (members joining
 * or leaving, edits, deletions, a move back of a cursor) ends the stretch, so what it depends on or changes is settled
 * before and after it.
 */
final class SetBasedRun {

    private final List<MessageCreated> messages = new ArrayList<>();
    private final List<TimelineEvent> reactions = new ArrayList<>();
    private final List<ReadCursorMoved> reads = new ArrayList<>();

    /** Takes the event if it belongs in a run; false leaves it to be applied alone. */
    boolean take(ChatEvent event) {
        if (event instanceof MessageCreated message) {
            return messages.add(message);
        }
        if (event instanceof ReactionAdded || event instanceof ReactionRemoved) {
            return reactions.add((TimelineEvent) event);
        }
        if (event instanceof ReadCursorMoved read && !read.markedUnread()) {
            return reads.add(read);
        }
        return false;
    }

    boolean isEmpty() {
        return messages.isEmpty() && reactions.isEmpty() && reads.isEmpty();
    }

    List<MessageCreated> messages() {
        return messages;
    }

    /** Reactions added and removed, in the batch's order. */
    List<TimelineEvent> reactions() {
        return reactions;
    }

    List<ReadCursorMoved> reads() {
        return reads;
    }
}
