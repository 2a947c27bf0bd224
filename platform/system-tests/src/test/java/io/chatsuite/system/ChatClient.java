package io.chatsuite.system;

import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/** A WebSocket client of the suite, as a program would be: it connects to a gateway and records every frame. */
final class ChatClient implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** Long enough for a service restart under load; a send not acked by then is a failure, not a wait. */
    private static final Duration SEND_DEADLINE = Duration.ofMinutes(2);
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    /** How often a refused send goes again: at most five a second, while the per-user command rate refills. */
    private static final Duration RETRY_PACE = Duration.ofMillis(200);

    private final WebSocket socket;
    private final Frames frames;
    private final CompletableFuture<Integer> closeCode;

    private ChatClient(WebSocket socket, Frames frames, CompletableFuture<Integer> closeCode) {
        this.socket = socket;
        this.frames = frames;
        this.closeCode = closeCode;
    }

    /** Every frame in arrival order, with acks and refusals also kept by command id: a send's wait looks one up. */
    private static final class Frames {
        final ConcurrentLinkedQueue<JsonNode> all = new ConcurrentLinkedQueue<>();
        final Map<String, JsonNode> acks = new ConcurrentHashMap<>();
        final Map<String, AtomicLong> errors = new ConcurrentHashMap<>();

        void add(JsonNode frame) {
            all.add(frame);
            String id = frame.path("id").asText(null);
            if (id == null) {
                return;
            }
            switch (frame.path("type").asText()) {
                case "ack" -> acks.putIfAbsent(id, frame);
                case "error" -> errors.computeIfAbsent(id, any -> new AtomicLong()).incrementAndGet();
                default -> { }
            }
        }
    }

    /**
     * Connects and waits until the gateway reads this socket's frames, which it does only once the user's channel is
     * subscribed (docs/protocol.md, "Ready"): from then on nothing published to the user can miss this socket. A
     * socket the server closes at once (a revoked session) returns closed instead.
     */
    static ChatClient connect(String gatewayUrl, String token) throws Exception {
        ChatClient client = open(gatewayUrl, token);
        client.send("{\"type\":\"ping\",\"id\":\"ready\"}");
        await("the socket ready").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(10))
                .until(() -> client.reply("ready") != null || client.closeCode().isPresent());
        return client;
    }

    private static ChatClient open(String gatewayUrl, String token) throws Exception {
        Frames frames = new Frames();
        CompletableFuture<Integer> closeCode = new CompletableFuture<>();
        WebSocket socket = HTTP.newWebSocketBuilder()
                .header("Authorization", "Bearer " + token)
                .buildAsync(URI.create(gatewayUrl.replaceFirst("^http", "ws") + "/ws"), new WebSocket.Listener() {
                    private final StringBuilder partial = new StringBuilder();

                    @Override
                    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
                        partial.append(data);
                        if (last) {
                            try {
                                frames.add(JSON.readTree(partial.toString()));
                            } catch (Exception e) {
                                throw new AssertionError("a frame that is not JSON", e);
                            }
                            partial.setLength(0);
                        }
                        webSocket.request(1);
                        return null;
                    }

                    @Override
                    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
                        closeCode.complete(statusCode);
                        return null;
                    }

                    @Override
                    public void onError(WebSocket webSocket, Throwable error) {
                        // The connection dropped without a close frame: what clients see as 1006.
                        closeCode.complete(1006);
                    }
                }).get(20, TimeUnit.SECONDS);
        return new ChatClient(socket, frames, closeCode);
    }

    /** The close code the server sent, or empty while the socket is open. */
    Optional<Integer> closeCode() {
        return Optional.ofNullable(closeCode.getNow(null));
    }

    synchronized void send(String frame) {
        socket.sendText(frame, true).join();
    }

    void sendMessage(String id, String conversationId, String body) {
        send("{\"type\":\"send\",\"id\":\"" + id + "\",\"conversationId\":\"" + conversationId + "\",\"body\":"
                + quote(body) + "}");
    }

    void sendMessage(String id, String conversationId, String body, List<String> attachmentIds) {
        send("{\"type\":\"send\",\"id\":\"" + id + "\",\"conversationId\":\"" + conversationId + "\",\"body\":"
                + quote(body) + ",\"attachments\":" + quote(attachmentIds) + "}");
    }

    /**
     * Sends a message and waits for its ack, sending it again with the same id after a refusal that asks for a
     * retry (rate limited, unavailable): what a well-behaved client does. Retries are at most five a second (the
     * per-user command rate refills meanwhile); an id still not acked after {@link #SEND_DEADLINE} fails the test.
     */
    JsonNode sendUntilAcked(String id, String conversationId, String body) {
        long[] refusalsAtSend = {errorCount(id)};
        long[] sentAt = {System.nanoTime()};
        sendMessage(id, conversationId, body);
        // The ack is looked for often (a send waits for its ack, not for a poll); a retry goes at the client's pace.
        await("ack of " + id).atMost(SEND_DEADLINE).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(5))
                .until(() -> {
                    if (ack(id) != null) {
                        return true;
                    }
                    long refusals = errorCount(id);
                    if (refusals > refusalsAtSend[0] && System.nanoTime() - sentAt[0] >= RETRY_PACE.toNanos()) {
                        refusalsAtSend[0] = refusals;
                        sentAt[0] = System.nanoTime();
                        sendMessage(id, conversationId, body);
                    }
                    return false;
                });
        return ack(id);
    }

    JsonNode ack(String id) {
        return frames.acks.get(id);
    }

    long errorCount(String id) {
        AtomicLong errors = frames.errors.get(id);
        return errors == null ? 0 : errors.get();
    }

    JsonNode awaitReply(String id) {
        await().atMost(Duration.ofSeconds(60)).until(() -> reply(id) != null);
        return reply(id);
    }

    JsonNode reply(String id) {
        return frames.all.stream().filter(f -> id.equals(f.path("id").asText(null))).findFirst().orElse(null);
    }

    /** The events of one type received so far, in arrival order. */
    List<JsonNode> events(String type) {
        return frames.all.stream().filter(f -> f.path("type").asText().equals("event"))
                .map(f -> f.get("event")).filter(e -> e.path("type").asText().equals(type)).toList();
    }

    /** Every frame of one type received so far (presence, typing…), in arrival order. */
    List<JsonNode> frames(String type) {
        return frames.all.stream().filter(f -> f.path("type").asText().equals(type)).toList();
    }

    /** The presence statuses announced for one user so far, in order. */
    List<String> statusesOf(String userId) {
        return frames("presence").stream().filter(f -> f.path("userId").asText().equals(userId))
                .map(f -> f.path("status").asText()).toList();
    }

    /** A value as a JSON literal, for frames written by hand. */
    static String quote(Object text) {
        try {
            return JSON.writeValueAsString(text);
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }

    @Override
    public void close() {
        socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye");
    }
}
