package io.chatsuite.gateway.session;

/** The close codes the gateway uses (docs/protocol.md); 4xxx are ours, and a client reconnects after each. */
public final class CloseCodes {

    /** The node is shutting down: reconnect, to another node. */
    public static final int GOING_AWAY = 1001;
    /** The client broke the rules persistently (sustained flooding). */
    public static final int POLICY_VIOLATION = 1008;
    /** A frame or message over the hard cap (256 KiB): the client sent something no client should. */
    public static final int MESSAGE_TOO_BIG = 1009;
    /** The session was revoked (logout, or a stolen refresh token): log in again. */
    public static final int SESSION_REVOKED = 4001;
    /** The access token expired: refresh it and reconnect. */
    public static final int TOKEN_EXPIRED = 4002;
    /** The client did not read its frames and the queue filled: reconnect and resume. */
    public static final int TOO_SLOW = 4008;

    private CloseCodes() {
    }
}
