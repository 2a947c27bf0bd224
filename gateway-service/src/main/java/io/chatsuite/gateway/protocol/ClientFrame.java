package io.chatsuite.gateway.protocol;

import io.chatsuite.contracts.chat.ChatCommand;
import io.chatsuite.contracts.presence.TypingSignal;
import io.chatsuite.contracts.protocol.ErrorFrame;

/** A client frame after validation: something to forward, to answer, or to refuse. */
public sealed interface ClientFrame {

    /** A command for chat-service. */
    record Command(ChatCommand command) implements ClientFrame {
    }

    /** A typing indicator for presence-service. */
    record Typing(String id, TypingSignal signal) implements ClientFrame {
    }

    /** The device went idle (no input for a while) or is in use again. */
    record Idle(String id, boolean idle) implements ClientFrame {
    }

    /** A ping, answered at once with a pong. */
    record Ping(String id) implements ClientFrame {
    }

    /** Refused: the error frame goes back on the same socket, which stays open. */
    record Invalid(ErrorFrame error) implements ClientFrame {
    }
}
