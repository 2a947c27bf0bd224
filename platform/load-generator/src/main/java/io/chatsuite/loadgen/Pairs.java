package io.chatsuite.loadgen;

import io.vertx.core.Future;
import io.vertx.core.http.WebSocket;
import java.io.IOException;
import java.util.List;

/**
 * Users in pairs, each pair sharing a direct conversation, the first user of a pair on the first gateway node and the
 * second on the second, so every command crosses nodes (Kafka, chat-service, Redis). User {@code i} is in
 * conversation {@code i / 2}; its socket is {@code sockets.get(i)}.
 */
record Pairs(List<UserPool.BenchUser> users, List<String> conversations, List<WebSocket> sockets,
             UserPool.Preparation preparation, double setupSeconds) {

    /** How one user's socket is opened: the scenario installs its frame handler. */
    interface Connector {
        Future<WebSocket> connect(int index, Gateway gateway, UserPool.BenchUser user);
    }

    static Pairs open(BenchContext context, int pairs, Connector connector) throws IOException {
        long begin = System.nanoTime();
        List<UserPool.BenchUser> users = context.users().signIn(2 * pairs);
        UserPool.Preparation preparation = context.users().lastPreparation();
        List<String> conversations = Bulk.run(pairs, 16,
                i -> context.http().direct(users.get(2 * i).accessToken(), users.get(2 * i + 1).id()));
        List<Gateway> gateways = context.gateways();
        List<WebSocket> sockets = Bulk.run(2 * pairs, 64, i -> connector.connect(i,
                gateways.get(i % 2 == 0 || gateways.size() == 1 ? 0 : 1), users.get(i)));
        return new Pairs(users, conversations, sockets, preparation,
                Math.round((System.nanoTime() - begin) / 1e8) / 10.0);
    }

    /** The conversation of user {@code i}. */
    String conversationOf(int user) {
        return conversations.get(user / 2);
    }

    void close() {
        sockets.forEach(WebSocket::close);
    }
}
