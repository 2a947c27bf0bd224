package io.chatsuite.chat.client;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Stands in for auth-service's profile lookup, so a test can have a user who exists in auth-service but whose
 * user.events record chat-service has not seen. Tests register such users with {@code POST /test/users} (body
 * {@code id username displayName}, space-separated); {@code GET /api/users/{id}} answers like auth-service, and 401
 * without a bearer token. An id posted to {@code /test/failing} is answered 500, as a broken auth-service would.
 */
public class AuthServiceStub implements QuarkusTestResourceLifecycleManager {

    public static final String URL_PROPERTY = "quarkus.rest-client.auth-service.url";
    private static final Pattern USER = Pattern.compile("/api/users/([0-9a-f-]{36})");

    private final Map<String, String> users = new ConcurrentHashMap<>();
    private final Set<String> failing = ConcurrentHashMap.newKeySet();
    private HttpServer server;

    @Override
    public Map<String, String> start() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        server.createContext("/test/users", this::register);
        server.createContext("/test/failing", this::fail);
        server.createContext("/api/users/", this::lookUp);
        server.start();
        return Map.of(URL_PROPERTY, "http://127.0.0.1:" + server.getAddress().getPort());
    }

    private void register(HttpExchange exchange) throws IOException {
        try (InputStream body = exchange.getRequestBody()) {
            String[] fields = new String(body.readAllBytes(), StandardCharsets.UTF_8).trim().split(" ", 3);
            users.put(fields[0], "{\"id\":\"%s\",\"username\":\"%s\",\"displayName\":\"%s\"}"
                    .formatted(fields[0], fields[1], fields[2]));
        }
        answer(exchange, 204, null);
    }

    private void fail(HttpExchange exchange) throws IOException {
        try (InputStream body = exchange.getRequestBody()) {
            failing.add(new String(body.readAllBytes(), StandardCharsets.UTF_8).trim());
        }
        answer(exchange, 204, null);
    }

    private void lookUp(HttpExchange exchange) throws IOException {
        String authorization = exchange.getRequestHeaders().getFirst("Authorization");
        Matcher id = USER.matcher(exchange.getRequestURI().getPath());
        if (authorization == null || !authorization.startsWith("Bearer ey")) {
            answer(exchange, 401, "{\"status\":401}");
        } else if (id.matches() && failing.contains(id.group(1))) {
            answer(exchange, 500, "{\"status\":500}");
        } else if (!id.matches() || !users.containsKey(id.group(1))) {
            answer(exchange, 404, "{\"status\":404,\"detail\":\"no such user\"}");
        } else {
            answer(exchange, 200, users.get(id.group(1)));
        }
    }

    private static void answer(HttpExchange exchange, int status, String json) throws IOException {
        if (json == null) {
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
            return;
        }
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", status == 200 ? "application/json"
                : "application/problem+json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop(0);
        }
    }
}
