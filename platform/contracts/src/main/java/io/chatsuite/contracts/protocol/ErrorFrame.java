package io.chatsuite.contracts.protocol;

/** The command with client id {@code id} (null if the frame had none) was refused; the socket stays open. */
public record ErrorFrame(String id, ErrorCode code, String message) implements ServerFrame {
}
