package io.chatsuite.kit.consumer;

/**
 * The reason a record is nacked after its retries ran out: the channel's dead-letter-queue failure strategy sends it
 * to the dead-letter topic with this message and its cause in the headers, then commits past it.
 */
public class DeadLetteredRecord extends RuntimeException {

    public DeadLetteredRecord(String message, Throwable cause) {
        super(message, cause);
    }
}
