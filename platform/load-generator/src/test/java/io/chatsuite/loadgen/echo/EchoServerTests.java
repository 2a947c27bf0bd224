package io.chatsuite.loadgen.echo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.http.UpgradeRejectedException;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The echo server's routing and answers, through a real Vert.x HTTP and WebSocket client; no suite needed. */
class EchoServerTests {

    private static final Duration PATIENCE = Duration.ofSeconds(20);

    private Vertx vertx;
    private EchoServer server;
    private HttpClient http;
    private WebSocketClient sockets;

    @BeforeEach
    void start() throws Exception {
        vertx = Vertx.vertx();
        server = wait(EchoServer.start(vertx, 2));
        http = vertx.createHttpClient(new HttpClientOptions().setDefaultHost("127.0.0.1")
                .setDefaultPort(server.port()));
        sockets = vertx.createWebSocketClient();
    }

    @AfterEach
    void stop() throws Exception {
        wait(vertx.close());
    }

    @Test
    void aSendIsAckedToTheSenderWithItsIdAndReachesEverySocketOfTheConversation() throws Exception {
        String alice = register("alice");
        String bob = register("bob");
        String direct = call(HttpMethod.POST, "/api/conversations/direct", alice, new JsonObject().put("userId", bob),
                200).getJsonObject("conversation").getString("id");
        Socket alicePhone = connect(alice);
        Socket bobPhone = connect(bob);
        Socket bobLaptop = connect(bob);

        alicePhone.send(new JsonObject().put("type", "send").put("id", "c-17").put("conversationId", direct)
                .put("body", "bench:42:p"));

        JsonObject ack = alicePhone.awaitFrame("ack");
        assertThat(ack.getString("id")).isEqualTo("c-17");
        assertThat(ack.getString("conversationId")).isEqualTo(direct);
        assertThat(ack.getLong("seq")).isEqualTo(1);
        for (Socket socket : List.of(bobPhone, bobLaptop, alicePhone)) {
            JsonObject event = socket.awaitFrame("event").getJsonObject("event");
            assertThat(event.getString("type")).isEqualTo("message.created");
            assertThat(event.getString("body")).isEqualTo("bench:42:p");
            assertThat(event.getString("actorId")).isEqualTo(alice);
            assertThat(event.getLong("seq")).isEqualTo(1);
        }
        assertThat(bobPhone.frames("ack")).as("the ack is the sender's alone").isEmpty();
        // Frames are written in order: the answer to the next send comes after the first one's event, if any.
        alicePhone.send(new JsonObject().put("type", "send").put("id", "c-18").put("conversationId", direct)
                .put("body", "again"));
        assertThat(alicePhone.awaitFrames("ack", 2).get(1).getLong("seq")).isEqualTo(2);
    }

    @Test
    void reactionsAndReadsAreAckedAndReachEveryMember() throws Exception {
        String alice = register("alice");
        String bob = register("bob");
        String direct = call(HttpMethod.POST, "/api/conversations/direct", alice, new JsonObject().put("userId", bob),
                200).getJsonObject("conversation").getString("id");
        Socket alicePhone = connect(alice);
        Socket bobPhone = connect(bob);

        alicePhone.send(new JsonObject().put("type", "react").put("id", "r-1").put("conversationId", direct)
                .put("messageId", "m-1").put("emoji", "👍").put("remove", true));
        JsonObject ack = alicePhone.awaitFrame("ack");
        assertThat(ack.getString("id")).isEqualTo("r-1");
        assertThat(ack.getString("messageId")).isEqualTo("m-1");
        for (Socket socket : List.of(alicePhone, bobPhone)) {
            JsonObject event = socket.awaitFrame("event").getJsonObject("event");
            assertThat(event.getString("type")).isEqualTo("reaction.removed");
            assertThat(event.getString("actorId")).isEqualTo(alice);
            assertThat(event.getString("emoji")).isEqualTo("👍");
            assertThat(event.getLong("seq")).isEqualTo(ack.getLong("seq"));
        }

        bobPhone.send(new JsonObject().put("type", "read").put("id", "c-1").put("conversationId", direct)
                .put("seq", 1));
        assertThat(bobPhone.awaitFrame("ack").getLong("seq")).isEqualTo(1);
        for (Socket socket : List.of(alicePhone, bobPhone)) {
            JsonObject receipt = socket.awaitFrame("receipt");
            assertThat(receipt.getString("userId")).isEqualTo(bob);
            assertThat(receipt.getLong("seq")).isEqualTo(1);
        }
        assertThat(alicePhone.frames("ack")).as("each answer is its sender's alone").hasSize(1);
    }

    @Test
    void aRoomMessageReachesItsMembersAndNobodyElse() throws Exception {
        String owner = register("owner");
        String member = register("member");
        String outsider = register("outsider");
        String room = call(HttpMethod.POST, "/api/rooms", owner, new JsonObject().put("name", "r").put("isPublic", true),
                200).getJsonObject("conversation").getString("id");
        call(HttpMethod.POST, "/api/rooms/" + room + "/join", member, null, 200);
        Socket ownerSocket = connect(owner);
        Socket memberSocket = connect(member);
        Socket outsiderSocket = connect(outsider);

        ownerSocket.send(new JsonObject().put("type", "send").put("id", "r-1").put("conversationId", room)
                .put("body", "hello room"));

        assertThat(memberSocket.awaitFrame("event").getJsonObject("event").getString("body")).isEqualTo("hello room");
        // The outsider's pong is written after anything the broadcast wrote to its socket.
        outsiderSocket.send(new JsonObject().put("type", "ping").put("id", "p-1"));
        assertThat(outsiderSocket.awaitFrame("pong").getString("id")).isEqualTo("p-1");
        assertThat(outsiderSocket.frames("event")).isEmpty();
    }

    @Test
    void refusedFramesGetAnErrorWithACodeAndTheClientsId() throws Exception {
        String alice = register("alice");
        String bob = register("bob");
        String room = call(HttpMethod.POST, "/api/rooms", bob, new JsonObject().put("name", "r"), 200)
                .getJsonObject("conversation").getString("id");
        Socket socket = connect(alice);

        socket.send(new JsonObject().put("type", "send").put("id", "x-1").put("conversationId", room)
                .put("body", "not a member"));
        socket.sendText("{not json");
        socket.send(new JsonObject().put("type", "send").put("id", "x-2").put("conversationId", room));
        socket.send(new JsonObject().put("type", "typing").put("id", "x-3"));

        List<JsonObject> errors = socket.awaitFrames("error", 4);
        assertThat(errors).extracting(e -> e.getString("code"), e -> e.getString("id")).containsExactly(
                org.assertj.core.groups.Tuple.tuple("not_found", "x-1"),
                org.assertj.core.groups.Tuple.tuple("bad_json", null),
                org.assertj.core.groups.Tuple.tuple("missing_field", "x-2"),
                org.assertj.core.groups.Tuple.tuple("unknown_type", "x-3"));
        assertThat(errors.get(2).getString("message")).startsWith("body");
        assertThat(socket.closed).isFalse();
    }

    @Test
    void anUpgradeWithoutATokenIsRefused() {
        Future<WebSocket> refused = sockets.connect(new WebSocketConnectOptions().setHost("127.0.0.1")
                .setPort(server.port()).setURI("/ws"));
        await().atMost(PATIENCE).until(refused::isComplete);
        assertThat(refused.cause()).isInstanceOfSatisfying(UpgradeRejectedException.class,
                e -> assertThat(e.getStatus()).isEqualTo(401));
    }

    @Test
    void historyAnswersTheSeqsCountedForMembersOnly() throws Exception {
        String alice = register("alice");
        String bob = register("bob");
        String stranger = register("stranger");
        String direct = call(HttpMethod.POST, "/api/conversations/direct", bob, new JsonObject().put("userId", alice),
                200).getJsonObject("conversation").getString("id");
        assertThat(call(HttpMethod.POST, "/api/conversations/direct", alice, new JsonObject().put("userId", bob), 200)
                .getJsonObject("conversation").getString("id")).as("one direct conversation per pair").isEqualTo(direct);
        Socket socket = connect(alice);
        for (String id : List.of("h-1", "h-2")) {
            socket.send(new JsonObject().put("type", "send").put("id", id).put("conversationId", direct)
                    .put("body", id));
        }
        socket.awaitFrames("ack", 2);

        JsonObject news = call(HttpMethod.POST, "/api/history/sync", bob,
                new JsonObject().put("conversations", new JsonObject().put(direct, 0)), 200);
        assertThat(news.getJsonArray("conversations").getJsonObject(0).getLong("latestSeq")).isEqualTo(2);
        assertThat(news.getJsonArray("conversations").getJsonObject(0).getJsonArray("events"))
                .as("a few new events come along, as from history-service").hasSize(2);
        JsonObject page = call(HttpMethod.GET, "/api/history/conversations/" + direct + "/events?after=1", bob, null,
                200);
        assertThat(page.getJsonArray("events")).hasSize(1);
        assertThat(page.getJsonArray("events").getJsonObject(0).getLong("seq")).isEqualTo(2);
        assertThat(call(HttpMethod.POST, "/api/history/sync", stranger,
                new JsonObject().put("conversations", new JsonObject().put(direct, 0)), 200)
                .getJsonArray("gone")).containsExactly(direct);
        call(HttpMethod.GET, "/api/history/conversations/" + direct + "/events?after=0", stranger, null, 404);
    }

    private String register(String name) throws Exception {
        JsonObject registered = call(HttpMethod.POST, "/api/auth/register", null,
                new JsonObject().put("username", name).put("password", "p"), 201);
        assertThat(registered.getString("accessToken")).isEqualTo(registered.getJsonObject("user").getString("id"));
        return registered.getString("accessToken");
    }

    private JsonObject call(HttpMethod method, String path, String token, JsonObject body, int expected)
            throws Exception {
        RequestOptions options = new RequestOptions().setMethod(method).setURI(path);
        if (token != null) {
            options.putHeader("Authorization", "Bearer " + token);
        }
        Buffer payload = body == null ? Buffer.buffer() : body.toBuffer();
        // The body is asked for inside send's callback, as SuiteHttp does (chained after it, the body can be lost).
        return wait(http.request(options).compose(request -> request.send(payload).compose(response -> {
            assertThat(response.statusCode()).as(method + " " + path).isEqualTo(expected);
            return response.body();
        }))).toJsonObject();
    }

    private Socket connect(String token) throws Exception {
        Socket socket = new Socket();
        socket.socket = wait(sockets.connect(new WebSocketConnectOptions().setHost("127.0.0.1").setPort(server.port())
                .setURI("/ws").setHeaders(MultiMap.caseInsensitiveMultiMap().add("Authorization", "Bearer " + token))));
        socket.socket.textMessageHandler(text -> socket.received.add(new JsonObject(text)));
        socket.socket.closeHandler(v -> socket.closed = true);
        return socket;
    }

    /** One test socket and the frames it received, in order. */
    private static final class Socket {
        private final List<JsonObject> received = new CopyOnWriteArrayList<>();
        private WebSocket socket;
        private volatile boolean closed;

        void send(JsonObject frame) {
            sendText(frame.encode());
        }

        void sendText(String text) {
            socket.writeTextMessage(text);
        }

        List<JsonObject> frames(String type) {
            return received.stream().filter(frame -> type.equals(frame.getString("type"))).toList();
        }

        JsonObject awaitFrame(String type) {
            return awaitFrames(type, 1).get(0);
        }

        List<JsonObject> awaitFrames(String type, int count) {
            await().atMost(PATIENCE).until(() -> frames(type).size() >= count);
            return frames(type);
        }
    }

    private static <T> T wait(Future<T> future) throws Exception {
        return future.toCompletionStage().toCompletableFuture().get(PATIENCE.toSeconds(), TimeUnit.SECONDS);
    }
}
