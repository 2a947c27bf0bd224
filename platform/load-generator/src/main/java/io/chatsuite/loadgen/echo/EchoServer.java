package io.chatsuite.loadgen.echo;

import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * The bench's baseline: a bare WebSocket echo on the loopback, no authentication, no storage, no broker; a
 * {@code send} is acknowledged and broadcast in memory to the conversation's sockets, like the naive design of a
 * WebSocket server with a pub/sub fan-out. It answers the frames and the few REST calls the scenarios make, so the
 * same scenario code drives it and the suite (see docs/benchmarks.md, "The baseline").
 *
 * <p>As a program: {@code EchoServer --port-file FILE [--instances N]} listens on a free port, writes it to FILE
 * and runs until stopped, or until the process that started it is gone.
 */
public final class EchoServer {

    private final Vertx vertx;
    private final String deployment;
    private final int port;

    private EchoServer(Vertx vertx, String deployment, int port) {
        this.vertx = vertx;
        this.deployment = deployment;
        this.port = port;
    }

    /** Listens on a free loopback port with {@code instances} event loops; answers the running server. */
    public static Future<EchoServer> start(Vertx vertx, int instances) {
        Conversations conversations = new Conversations();
        OnlineSockets online = new OnlineSockets();
        List<EchoVerticle> deployed = new CopyOnWriteArrayList<>();
        return vertx.deployVerticle(() -> {
                    // -1: a free port, the same for every instance.
                    EchoVerticle verticle = new EchoVerticle(-1, conversations, online);
                    deployed.add(verticle);
                    return verticle;
                }, new DeploymentOptions().setInstances(instances))
                .map(id -> new EchoServer(vertx, id, deployed.get(0).actualPort()));
    }

    public int port() {
        return port;
    }

    public Future<Void> stop() {
        return vertx.undeploy(deployment);
    }

    public static void main(String[] args) throws Exception {
        Path portFile = null;
        int instances = Runtime.getRuntime().availableProcessors();
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--port-file" -> portFile = Path.of(args[i + 1]);
                case "--instances" -> instances = Integer.parseInt(args[i + 1]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        if (portFile == null) {
            throw new IllegalArgumentException("usage: EchoServer --port-file FILE [--instances N]");
        }
        // A bench killed outright must not leave its echo behind.
        ProcessHandle.current().parent().ifPresent(parent -> parent.onExit().thenRun(() -> System.exit(0)));
        EchoServer server = start(Vertx.vertx(), instances).toCompletionStage().toCompletableFuture()
                .get(60, TimeUnit.SECONDS);
        Path written = portFile.resolveSibling(portFile.getFileName() + ".tmp");
        Files.writeString(written, Integer.toString(server.port()));
        Files.move(written, portFile, StandardCopyOption.ATOMIC_MOVE);
    }
}
