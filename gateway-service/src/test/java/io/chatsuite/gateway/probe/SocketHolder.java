package io.chatsuite.gateway.probe;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.WebSocketConnectOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/** Measurement aid (another process, so its client objects stay out of the gateway's heap): holds idle sockets. */
public final class SocketHolder {

    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(args[0]);
        List<String> tokens = Files.readAllLines(Path.of(args[1]));
        int count = Integer.parseInt(args[2]);
        Vertx vertx = Vertx.vertx();
        HttpClient client = vertx.createHttpClient(new HttpClientOptions().setMaxPoolSize(count)
                .setMaxWebSockets(count));
        CountDownLatch done = new CountDownLatch(count);
        AtomicInteger failed = new AtomicInteger();
        long start = System.nanoTime();
        for (int i = 0; i < count; i++) {
            String token = tokens.get(i % tokens.size());
            WebSocketConnectOptions options = new WebSocketConnectOptions().setHost("localhost").setPort(port)
                    .setURI("/ws").addHeader("Authorization", "Bearer " + token).setAllowOriginHeader(false);
            client.webSocket(options).onComplete(result -> {
                if (result.failed()) {
                    failed.incrementAndGet();
                    System.err.println(result.cause());
                }
                done.countDown();
            });
            if (i % 50 == 49) {
                Thread.sleep(10);
            }
        }
        done.await(300, TimeUnit.SECONDS);
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf("held %d failed %d in %.1f s%n", count - failed.get(), failed.get(), seconds);
        System.out.flush();
        System.in.read();
        vertx.close();
    }
}
