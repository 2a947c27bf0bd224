package io.chatsuite.devstack;

/** A part of the local stack could not start; the message names the part and the reason. */
public class StackStartException extends RuntimeException {

    public StackStartException(String message) {
        super(message);
    }
}
