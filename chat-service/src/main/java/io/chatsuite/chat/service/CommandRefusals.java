package io.chatsuite.chat.service;

import io.chatsuite.chat.repository.Membership;
import io.chatsuite.chat.service.CommandOutcome.Refused;
import io.chatsuite.contracts.chat.ChatCommand;
import io.chatsuite.contracts.protocol.ErrorCode;

/**
 * The refusals a command gets whichever way it is decided ({@link CommandRun} or {@link CommandProcessor}), checked
 * and worded in one place so that both answer alike.
 */
final class CommandRefusals {

    private CommandRefusals() {
    }

    /** The same answer whether the conversation exists or not: non-members learn nothing. */
    static Refused notAMember(ChatCommand command) {
        return new Refused(command, ErrorCode.NOT_FOUND, "no such conversation");
    }

    /** An archived room takes no change; null if the conversation does. */
    static Refused archived(ChatCommand command, Membership membership) {
        return membership.archived() ? new Refused(command, ErrorCode.FORBIDDEN,
                "the room is archived: nothing can be sent, edited, deleted or reacted to") : null;
    }

    /** Outside rooms, a block between the members stops what one sends to the other; null if there is none. */
    static Refused blocked(ChatCommand command, Membership membership) {
        return !membership.kind().isRoom() && membership.blocked()
                ? new Refused(command, ErrorCode.BLOCKED, "a block stands between you and this user") : null;
    }

    /** A message's or an edit's text: some, and at most {@code limit} characters; null if it is. */
    static Refused body(ChatCommand command, String body, int limit) {
        String text = body == null ? "" : body;
        if (text.isBlank()) {
            return new Refused(command, ErrorCode.MISSING_FIELD, "body: a message needs text");
        }
        if (text.length() > limit) {
            return new Refused(command, ErrorCode.TOO_LARGE, "body: at most " + limit + " characters");
        }
        return null;
    }
}
