package io.chatsuite.loadgen;

import java.net.URI;

/** A node the bench's clients talk to (HTTP and /ws): a gateway node of the suite, or the echo server. */
record Gateway(String name, URI url) {

    /** The bench always dials the IPv4 loopback, so its several 127.0.0.x source addresses can reach it. */
    int port() {
        return url.getPort();
    }
}
