package io.chatsuite.contracts.protocol;

/** The answer to a client's ping, echoing its id. */
public record PongFrame(String id) implements ServerFrame {
}
