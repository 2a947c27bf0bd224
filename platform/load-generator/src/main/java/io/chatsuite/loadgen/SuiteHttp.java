package io.chatsuite.loadgen;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.Map;

/** The suite's REST API through a gateway, as a browser reaches it: JSON, bearer tokens, problem details. */
final class SuiteHttp {

    static final ObjectMapper JSON = new ObjectMapper();

    private final Vertx vertx;
    private final HttpClient client;
    private final int port;

    SuiteHttp(Vertx vertx, int gatewayPort) {
        this(vertx, gatewayPort, 64);
    }

    /** {@code connections}: how many requests may be under way at once (more wait in the client's queue). */
    SuiteHttp(Vertx vertx, int gatewayPort, int connections) {
        this.vertx = vertx;
        this.port = gatewayPort;
        this.client = vertx.createHttpClient(new HttpClientOptions()
                .setDefaultHost("127.0.0.1").setDefaultPort(gatewayPort)
                .setMaxPoolSize(connections).setKeepAlive(true).setConnectTimeout(30_000));
    }

    record Answer(int status, JsonNode body) {
    }

    Future<Answer> call(HttpMethod method, String path, String token, Object body) {
        RequestOptions request = new RequestOptions().setMethod(method).setURI(path).setPort(port)
                .setHost("127.0.0.1").setTimeout(60_000);
        request.putHeader("Content-Type", "application/json");
        if (token != null) {
            request.putHeader("Authorization", "Bearer " + token);
        }
        Buffer payload = body == null ? Buffer.buffer() : Buffer.buffer(write(body));
        // The body is asked for inside send's callback: chained after it, from a thread off the event loop, the
        // response could end first and the body never complete (Vert.x's documented race).
        return client.request(request)
                .compose(req -> req.send(payload).compose(response -> response.body()
                        .map(bytes -> new Answer(response.statusCode(), parse(bytes)))));
    }

    /** The call's body when it answered {@code expected}; fails with the status and body otherwise. */
    Future<JsonNode> expect(HttpMethod method, String path, String token, Object body, int expected) {
        return call(method, path, token, body).compose(answer -> answer.status() == expected
                ? Future.succeededFuture(answer.body())
                : Future.failedFuture(new IllegalStateException(method + " " + path + " answered " + answer.status()
                        + ": " + answer.body())));
    }

    /**
     * Retries a call until it answers {@code expected}, for what depends on another service catching up (chat-service
     * learns of a new user from user.events a moment after auth-service registered them).
     */
    Future<JsonNode> eventually(HttpMethod method, String path, String token, Object body, int expected,
                                Duration patience) {
        Promise<JsonNode> result = Promise.promise();
        long deadline = System.nanoTime() + patience.toNanos();
        attempt(method, path, token, body, expected, deadline, result);
        return result.future();
    }

    private void attempt(HttpMethod method, String path, String token, Object body, int expected, long deadline,
                         Promise<JsonNode> result) {
        call(method, path, token, body).onComplete(done -> {
            if (done.succeeded() && done.result().status() == expected) {
                result.complete(done.result().body());
            } else if (System.nanoTime() > deadline) {
                result.fail(new IllegalStateException(method + " " + path + " did not answer " + expected + ": "
                        + (done.succeeded() ? done.result().status() + " " + done.result().body() : done.cause())));
            } else {
                vertx.setTimer(250, timer -> attempt(method, path, token, body, expected, deadline, result));
            }
        });
    }

    /** Opens (or finds) the direct conversation between the caller and another user; answers its id. */
    Future<String> direct(String token, String otherUserId) {
        return eventually(HttpMethod.POST, "/api/conversations/direct", token, Map.of("userId", otherUserId), 200,
                Duration.ofSeconds(90)).map(body -> body.path("conversation").path("id").asText());
    }

    Future<String> publicRoom(String token, String name) {
        return eventually(HttpMethod.POST, "/api/rooms", token, Map.of("name", name, "isPublic", true), 200,
                Duration.ofSeconds(90)).map(body -> body.path("conversation").path("id").asText());
    }

    Future<JsonNode> join(String token, String roomId) {
        return eventually(HttpMethod.POST, "/api/rooms/" + roomId + "/join", token, null, 200, Duration.ofSeconds(90));
    }

    void close() {
        client.close();
    }

    private static String write(Object body) {
        try {
            return JSON.writeValueAsString(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static JsonNode parse(Buffer bytes) {
        if (bytes.length() == 0) {
            return JSON.nullNode();
        }
        try {
            return JSON.readTree(bytes.getBytes());
        } catch (IOException e) {
            return JSON.getNodeFactory().textNode(bytes.toString());
        }
    }
}
