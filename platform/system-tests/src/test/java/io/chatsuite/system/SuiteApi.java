package io.chatsuite.system;

import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** The suite's REST API, reached the way a browser reaches it: everything through one gateway origin. */
final class SuiteApi {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final String gateway;

    SuiteApi(String gateway) {
        this.gateway = gateway;
    }

    record Account(String id, String username, String token) {
    }

    Account register(String prefix) throws Exception {
        String username = prefix + UUID.randomUUID().toString().substring(0, 8);
        JsonNode body = call("POST", "/api/auth/register", null,
                Map.of("username", username, "password", "Correct-Horse-" + username, "displayName", prefix), 201);
        return new Account(body.path("user").path("id").asText(), username, body.path("accessToken").asText());
    }

    /** A fresh token for an account registered by {@link #register}. */
    String login(Account account) throws Exception {
        return call("POST", "/api/auth/login", null,
                Map.of("username", account.username(), "password", "Correct-Horse-" + account.username()), 200)
                .path("accessToken").asText();
    }

    /** Waits until chat-service has heard of the user from auth-service, then opens their direct conversation. */
    String direct(Account from, Account to) {
        String[] id = new String[1];
        await().atMost(Duration.ofSeconds(60)).until(() -> {
            HttpResponse<String> response = send("POST", "/api/conversations/direct", from.token(),
                    Map.of("userId", to.id()));
            if (response.statusCode() == 200) {
                id[0] = JSON.readTree(response.body()).path("conversation").path("id").asText();
            }
            return id[0] != null;
        });
        return id[0];
    }

    /** One asks, the other accepts: they are friends. */
    void befriend(Account one, Account other) throws Exception {
        call("POST", "/api/friends/requests", one.token(), Map.of("userId", other.id()), 200);
        call("POST", "/api/friends/requests/" + one.id() + "/accept", other.token(), null, 200);
    }

    String room(Account owner, String name, Account... members) throws Exception {
        String room = call("POST", "/api/rooms", owner.token(), Map.of("name", name, "isPublic", false), 200)
                .path("conversation").path("id").asText();
        addMembers(owner, room, members);
        return room;
    }

    /** Adds members to a room, each once chat-service has heard of them from auth-service. */
    void addMembers(Account owner, String room, Account... members) {
        for (Account member : members) {
            await().atMost(Duration.ofSeconds(60)).until(() -> send("POST", "/api/rooms/" + room + "/members",
                    owner.token(), Map.of("userId", member.id())).statusCode() == 200);
        }
    }

    /** Uploads a file the way the web client does: raw bytes, the name in the query; answers its metadata. */
    JsonNode upload(Account owner, String name, byte[] bytes) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(gateway + "/api/attachments?name="
                        + URLEncoder.encode(name, StandardCharsets.UTF_8)))
                .POST(HttpRequest.BodyPublishers.ofByteArray(bytes))
                .header("Content-Type", "application/octet-stream")
                .header("Authorization", "Bearer " + owner.token())
                .build();
        HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 201) {
            throw new AssertionError("upload of " + name + " answered " + response.statusCode() + ": "
                    + response.body());
        }
        return JSON.readTree(response.body());
    }

    HttpResponse<byte[]> download(String path, String token) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(gateway + path))
                .header("Authorization", "Bearer " + token).build();
        return HTTP.send(request, HttpResponse.BodyHandlers.ofByteArray());
    }

    JsonNode call(String method, String path, String token, Object body, int expectedStatus) throws Exception {
        HttpResponse<String> response = send(method, path, token, body);
        if (response.statusCode() != expectedStatus) {
            throw new AssertionError(method + " " + path + " answered " + response.statusCode() + ": "
                    + response.body());
        }
        return response.body().isEmpty() ? JSON.nullNode() : JSON.readTree(response.body());
    }

    HttpResponse<String> send(String method, String path, String token, Object body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(gateway + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)))
                .header("Content-Type", "application/json");
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Every timeline event of a conversation after a seq, as the reader sees it in history, following the pages. */
    List<JsonNode> timelineAfter(String conversationId, Account reader, long afterSeq) throws Exception {
        List<JsonNode> stored = new ArrayList<>();
        String after = String.valueOf(afterSeq);
        while (true) {
            JsonNode page = call("GET", "/api/history/conversations/" + conversationId + "/events?after=" + after
                    + "&limit=200", reader.token(), null, 200);
            page.path("events").forEach(stored::add);
            if (!page.path("hasMore").asBoolean()) {
                return stored;
            }
            after = page.path("nextAfter").asText();
        }
    }
}
