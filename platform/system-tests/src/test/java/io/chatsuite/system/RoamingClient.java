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
import java.util.NavigableMap;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.awaitility.core.ConditionTimeoutException;

/**
 * A client that follows one conversation the way docs/protocol.md asks: when its socket closes it reconnects to
 * another gateway node, resumes from history after the last seq it holds without a gap, and carries on with live
 * events, dropping any seq it already has. Its sends are retried with the same id until acked, across nodes.
 */
final class RoamingClient implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final List<String> nodes;
    private final String token;
    private final String conversationId;
    private final long startSeq;
    private final NavigableMap<Long, JsonNode> timeline = new ConcurrentSkipListMap<>();
    private final Map<String, JsonNode> acks = new ConcurrentHashMap<>();
    private final Map<String, Integer> errors = new ConcurrentHashMap<>();
    private final List<Integer> closeCodes = new CopyOnWriteArrayList<>();
    private final ExecutorService reconnector = Executors.newSingleThreadExecutor();
    private volatile WebSocket socket;
    private volatile int node;
    private volatile boolean closing;

    private RoamingClient(List<String> nodes, int node, String token, String conversationId, long startSeq) {
        this.nodes = nodes;
        this.node = node;
        this.token = token;
        this.conversationId = conversationId;
        this.startSeq = startSeq;
    }

    /** Connects to {@code nodes.get(first)}; follows the conversation's events after {@code startSeq}. */
    static RoamingClient connect(List<String> nodes, int first, String token, String conversationId, long startSeq) {
        RoamingClient client = new RoamingClient(nodes, first, token, conversationId, startSeq);
        client.connectFrom(first);
        return client;
    }

    /** Sends a message and waits for its ack, sending it again with the same id after a refusal or a reconnect. */
    JsonNode sendUntilAcked(String id, String body) {
        String frame = "{\"type\":\"send\",\"id\":\"" + id + "\",\"conversationId\":\"" + conversationId
                + "\",\"body\":" + ChatClient.quote(body) + "}";
        // A try goes at once and then at most five a second; within a try the answer is looked for often.
        await("ack of " + id).atMost(Duration.ofMinutes(2)).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(200))
                .until(() -> tryOnce(id, frame));
        return acks.get(id);
    }

    /** One try of a send: true once acked, false after a refusal, the socket going away or a silence. */
    private boolean tryOnce(String id, String frame) {
        WebSocket current = socket;
        int refusals = errors.getOrDefault(id, 0);
        if (current == null) {
            return false;
        }
        try {
            current.sendText(frame, true).get(10, TimeUnit.SECONDS);
        } catch (Exception closedMeanwhile) {
            return false;
        }
        // Settled by an ack, a refusal to retry after, or the socket going away (retry on the next one); a silence is
        // retried too, with the same id, which is what makes it safe.
        try {
            await().atMost(Duration.ofSeconds(30)).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(5))
                    .until(() -> acks.containsKey(id) || errors.getOrDefault(id, 0) > refusals || socket != current);
        } catch (ConditionTimeoutException silence) {
            return false;
        }
        return acks.containsKey(id);
    }

    /** Waits until the client holds every event through {@code lastSeq}, resuming from history as a client does. */
    void awaitTimelineThrough(long lastSeq) {
        await("every event through seq " + lastSeq).atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(500))
                .ignoreExceptions()
                .until(() -> {
                    if (contiguousThrough() < lastSeq) {
                        resume();
                    }
                    return contiguousThrough() >= lastSeq;
                });
    }

    /** The events held, by seq. */
    NavigableMap<Long, JsonNode> timeline() {
        return timeline;
    }

    List<Integer> closeCodes() {
        return closeCodes;
    }

    JsonNode ack(String id) {
        return acks.get(id);
    }

    private void connectFrom(int first) {
        await("a gateway node takes the socket").atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(200))
                .until(() -> {
                    for (int attempt = 0; attempt < nodes.size(); attempt++) {
                        int candidate = (first + attempt) % nodes.size();
                        if (tryConnect(candidate)) {
                            return true;
                        }
                    }
                    return false;
                });
        await("resumed after connecting").atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofMillis(200))
                .ignoreExceptions().until(() -> {
                    resume();
                    return true;
                });
    }

    private boolean tryConnect(int candidate) {
        try {
            socket = HTTP.newWebSocketBuilder()
                    .header("Authorization", "Bearer " + token)
                    .connectTimeout(Duration.ofSeconds(5))
                    .buildAsync(URI.create(nodes.get(candidate).replaceFirst("^http", "ws") + "/ws"), new Listener())
                    .get(10, TimeUnit.SECONDS);
            node = candidate;
            return true;
        } catch (Exception refusedOrDown) {
            return false;
        }
    }

    /** Pages history after the last seq held without a gap (docs/protocol.md, Resuming). */
    private void resume() throws Exception {
        SuiteApi api = new SuiteApi(nodes.get(node));
        String after = Long.toString(contiguousThrough());
        while (true) {
            JsonNode page = api.call("GET", "/api/history/conversations/" + conversationId + "/events?after=" + after
                    + "&limit=200", token, null, 200);
            page.path("events").forEach(this::take);
            if (!page.path("hasMore").asBoolean()) {
                return;
            }
            after = page.path("nextAfter").asText();
        }
    }

    private long contiguousThrough() {
        long seq = startSeq;
        for (Long held : timeline.tailMap(startSeq, false).keySet()) {
            if (held != seq + 1) {
                break;
            }
            seq = held;
        }
        return seq;
    }

    private void take(JsonNode event) {
        long seq = event.path("seq").asLong();
        if (conversationId.equals(event.path("conversationId").asText()) && seq > startSeq) {
            timeline.putIfAbsent(seq, event);
        }
    }

    private void onFrame(JsonNode frame) {
        String type = frame.path("type").asText();
        if ("ack".equals(type)) {
            acks.putIfAbsent(frame.path("id").asText(), frame);
        } else if ("error".equals(type)) {
            errors.merge(frame.path("id").asText(), 1, Integer::sum);
        } else if ("event".equals(type)) {
            take(frame.path("event"));
        }
    }

    private void onClosed(WebSocket which, int code) {
        if (socket != which) {
            return;
        }
        closeCodes.add(code);
        socket = null;
        if (!closing) {
            int next = (node + 1) % nodes.size();
            reconnector.execute(() -> connectFrom(next));
        }
    }

    private final class Listener implements WebSocket.Listener {

        private final StringBuilder partial = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                try {
                    onFrame(JSON.readTree(partial.toString()));
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
            onClosed(webSocket, statusCode);
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            // An abrupt end (no close frame): reconnect as after a close; 1006 is what browsers report.
            onClosed(webSocket, 1006);
        }
    }


    @Override
    public void close() {
        closing = true;
        reconnector.shutdownNow();
        WebSocket current = socket;
        if (current != null) {
            current.sendClose(WebSocket.NORMAL_CLOSURE, "bye");
        }
    }
}
