package io.chatsuite.loadgen.echo;

import io.vertx.core.AbstractVerticle;
import io.vertx.core.Promise;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.ServerWebSocket;

/**
 * One event loop's share of the echo server: HTTP and {@code /ws} on the port all instances share (Vert.x spreads
 * the connections over them), over state all instances share.
 */
final class EchoVerticle extends AbstractVerticle {

    private final int port;
    private final Conversations conversations;
    private final OnlineSockets online;
    private HttpServer server;

    /** {@code port}: a port, or a negative number for a free port that every instance given it shares. */
    EchoVerticle(int port, Conversations conversations, OnlineSockets online) {
        this.port = port;
        this.conversations = conversations;
        this.online = online;
    }

    @Override
    public void start(Promise<Void> started) {
        RestAnswers rest = new RestAnswers(conversations);
        server = vertx.createHttpServer(new HttpServerOptions().setHost("127.0.0.1").setPort(port))
                .requestHandler(rest::handle)
                .webSocketHandler(this::open);
        server.listen().<Void>mapEmpty().onComplete(started);
    }

    private void open(ServerWebSocket socket) {
        String userId = RestAnswers.bearer(socket.headers().get("Authorization"));
        if (!"/ws".equals(socket.path())) {
            socket.reject(404);
            return;
        }
        if (userId == null) {
            socket.reject(401);
            return;
        }
        FrameRelay relay = new FrameRelay(userId, socket, conversations, online);
        online.add(userId, socket);
        socket.textMessageHandler(relay::on);
        socket.closeHandler(closed -> online.remove(userId, socket));
    }

    int actualPort() {
        return server.actualPort();
    }
}
