package io.chatsuite.loadgen;

import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.http.WebSocketConnectOptions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Opens authenticated WebSockets to gateway nodes, spreading them over the loopback source addresses
 * 127.0.0.1..N: each source address has its own ~28,000 ephemeral ports, so tens of thousands of sockets to one
 * gateway port do not run out of them.
 */
final class SocketDialer {

    private final List<WebSocketClient> clients = new ArrayList<>();
    private final AtomicLong next = new AtomicLong();

    SocketDialer(Vertx vertx, int addresses) {
        for (int i = 1; i <= addresses; i++) {
            clients.add(vertx.createWebSocketClient(new WebSocketClientOptions()
                    .setLocalAddress("127.0.0." + i)
                    // Vert.x queues WebSockets beyond this per server; the bench wants them all open at once.
                    .setMaxConnections(1_000_000)
                    .setConnectTimeout(30_000)
                    .setMaxFrameSize(262_144)
                    .setMaxMessageSize(262_144)));
        }
    }

    Future<WebSocket> connect(Gateway gateway, String token) {
        WebSocketClient client = clients.get((int) (next.getAndIncrement() % clients.size()));
        WebSocketConnectOptions options = new WebSocketConnectOptions()
                .setHost("127.0.0.1").setPort(gateway.port()).setURI("/ws").setTimeout(60_000)
                .setHeaders(MultiMap.caseInsensitiveMultiMap().add("Authorization", "Bearer " + token));
        return client.connect(options);
    }

    int addresses() {
        return clients.size();
    }

    void close() {
        clients.forEach(WebSocketClient::close);
    }
}
