package io.chatsuite.devstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;

/** Loopback ports for the local stack. */
public final class FreePorts {

    private FreePorts() {
    }

    /** A port nobody listens on right now; the OS picks it so parallel test JVMs do not collide. */
    public static int pick() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free loopback port", e);
        }
    }

    public static boolean isFree(int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 1);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** The remembered port if it is still free (so a restarted stack keeps its addresses), otherwise a new one. */
    public static int reuseOrPick(Integer remembered) {
        return remembered != null && isFree(remembered) ? remembered : pick();
    }
}
