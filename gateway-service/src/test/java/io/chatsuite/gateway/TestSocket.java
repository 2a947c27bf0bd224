package io.chatsuite.gateway;

import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.netty.buffer.Unpooled;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.http.WebSocketFrameType;
import io.vertx.core.http.impl.ws.WebSocketFrameImpl;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;

/** A real WebSocket client for the gateway's tests, recording every frame and how the socket closed. */
public final class TestSocket implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final WebSocket socket;
    private final ConcurrentLinkedQueue<JsonNode> frames = new ConcurrentLinkedQueue<>();
    private volatile Short closeStatus;
    private volatile long closedAtNanos;

    private TestSocket(WebSocket socket) {
        this.socket = socket;
        socket.textMessageHandler(text -> {
            try {
                frames.add(JSON.readTree(text));
            } catch (Exception e) {
                throw new AssertionError("the server sent a frame that is not JSON: " + text, e);
            }
        });
        socket.closeHandler(closed -> {
            closedAtNanos = System.nanoTime();
            closeStatus = socket.closeStatusCode() == null ? -1 : socket.closeStatusCode();
        });
    }

    /** Opens {@code /ws} with the given headers and subprotocols; fails with the upgrade's status if refused. */
    public static TestSocket open(Vertx vertx, URI base, MultiMap headers, List<String> subprotocols)
            throws Exception {
        HttpClient client = vertx.createHttpClient();
        WebSocketConnectOptions options = new WebSocketConnectOptions()
                .setHost(base.getHost()).setPort(base.getPort()).setURI("/ws").setHeaders(headers)
                .setSubProtocols(subprotocols)
                // Like a non-browser client: no Origin unless the test sends one.
                .setAllowOriginHeader(headers.contains("Origin"));
        WebSocket socket = client.webSocket(options).toCompletionStage().toCompletableFuture().get(20, TimeUnit.SECONDS);
        return new TestSocket(socket);
    }

    public static TestSocket withToken(Vertx vertx, URI base, String token) throws Exception {
        return open(vertx, base, MultiMap.caseInsensitiveMultiMap().add("Authorization", "Bearer " + token), List.of());
    }

    public void send(String text) {
        socket.writeTextMessage(text);
    }

    public void sendBinary(byte[] bytes) {
        socket.writeBinaryMessage(Buffer.buffer(bytes));
    }

    /** A text frame whose payload is exactly these bytes, valid UTF-8 or not. */
    public void sendRawText(byte[] bytes) {
        socket.writeFrame(new WebSocketFrameImpl(WebSocketFrameType.TEXT, Unpooled.wrappedBuffer(bytes), true));
    }

    /** Stops reading from the network, like a client whose tab froze. */
    public void stopReading() {
        socket.pause();
    }

    public void resumeReading() {
        socket.resume();
    }

    public JsonNode awaitFrameWithId(String id) {
        await().atMost(Duration.ofSeconds(30)).until(() -> find(id) != null);
        return find(id);
    }

    public List<JsonNode> frames() {
        return List.copyOf(frames);
    }

    public short awaitClosed() {
        await().atMost(Duration.ofSeconds(30)).until(() -> closeStatus != null);
        return closeStatus;
    }

    /** When the socket closed, by {@link System#nanoTime()}; meaningful once {@link #awaitClosed()} returned. */
    public long closedAtNanos() {
        return closedAtNanos;
    }

    public boolean isOpen() {
        return closeStatus == null;
    }

    private JsonNode find(String id) {
        return frames.stream().filter(frame -> id.equals(frame.path("id").asText(null))).findFirst().orElse(null);
    }

    @Override
    public void close() {
        if (closeStatus == null) {
            socket.close();
        }
    }
}
