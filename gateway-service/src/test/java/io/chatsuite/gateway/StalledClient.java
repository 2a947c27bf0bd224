package io.chatsuite.gateway;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/** A WebSocket client that completes the handshake and then never reads again, like a frozen tab. */
public final class StalledClient implements AutoCloseable {

    private final Socket socket;

    private StalledClient(Socket socket) {
        this.socket = socket;
    }

    public static StalledClient connect(URI base, String token) throws IOException {
        Socket socket = new Socket();
        // A small receive window, so the server's writes back up after a few frames rather than many megabytes.
        socket.setReceiveBufferSize(4096);
        socket.connect(new java.net.InetSocketAddress(base.getHost(), base.getPort()));
        byte[] nonce = new byte[16];
        ThreadLocalRandom.current().nextBytes(nonce);
        String request = "GET /ws HTTP/1.1\r\n"
                + "Host: " + base.getHost() + ":" + base.getPort() + "\r\n"
                + "Upgrade: websocket\r\nConnection: Upgrade\r\n"
                + "Sec-WebSocket-Key: " + Base64.getEncoder().encodeToString(nonce) + "\r\n"
                + "Sec-WebSocket-Version: 13\r\n"
                + "Authorization: Bearer " + token + "\r\n\r\n";
        socket.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
        socket.getOutputStream().flush();
        String status = readHeaders(socket.getInputStream());
        if (!status.startsWith("HTTP/1.1 101")) {
            socket.close();
            throw new IOException("upgrade refused: " + status);
        }
        return new StalledClient(socket);
    }

    private static String readHeaders(InputStream in) throws IOException {
        StringBuilder headers = new StringBuilder();
        while (!headers.toString().endsWith("\r\n\r\n")) {
            int next = in.read();
            if (next < 0) {
                break;
            }
            headers.append((char) next);
        }
        return headers.toString();
    }

    /** What the server sent until its close frame (or the end of the connection): opcodes in order, close code. */
    public record Received(List<Integer> opcodes, int closeCode) {

        public static final int PING = 0x9;
        public static final int CLOSE = 0x8;
    }

    /**
     * Reads the server's frames, never answering one (not even a ping), until the server closes: a peer whose network
     * path died looks like this from the server.
     */
    public Received readUntilClosed(Duration atMost) throws IOException {
        socket.setSoTimeout((int) atMost.toMillis());
        DataInputStream in = new DataInputStream(socket.getInputStream());
        List<Integer> opcodes = new ArrayList<>();
        while (true) {
            int first = in.read();
            if (first < 0) {
                return new Received(opcodes, -1);
            }
            int opcode = first & 0x0F;
            long length = in.readUnsignedByte() & 0x7F;
            if (length == 126) {
                length = in.readUnsignedShort();
            } else if (length == 127) {
                length = in.readLong();
            }
            byte[] payload = in.readNBytes((int) length);
            opcodes.add(opcode);
            if (opcode == Received.CLOSE) {
                return new Received(opcodes, payload.length < 2 ? -1 : ((payload[0] & 0xFF) << 8) | (payload[1] & 0xFF));
            }
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
