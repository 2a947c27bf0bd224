package io.chatsuite.loadgen.echo;

import io.vertx.core.http.ServerWebSocket;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** The open sockets of each user, on every event loop of the echo server. */
final class OnlineSockets {

    private final Map<String, Set<ServerWebSocket>> byUser = new ConcurrentHashMap<>();

    void add(String userId, ServerWebSocket socket) {
        byUser.computeIfAbsent(userId, id -> ConcurrentHashMap.newKeySet()).add(socket);
    }

    void remove(String userId, ServerWebSocket socket) {
        byUser.computeIfPresent(userId, (id, sockets) -> {
            sockets.remove(socket);
            return sockets.isEmpty() ? null : sockets;
        });
    }

    /** Writes one frame to every open socket of every user named (Vert.x hands each write to its socket's loop). */
    void broadcast(Iterable<String> userIds, String frame) {
        for (String userId : userIds) {
            Set<ServerWebSocket> sockets = byUser.get(userId);
            if (sockets != null) {
                for (ServerWebSocket socket : sockets) {
                    socket.writeTextMessage(frame);
                }
            }
        }
    }
}
