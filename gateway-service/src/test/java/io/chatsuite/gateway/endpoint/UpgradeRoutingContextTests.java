package io.chatsuite.gateway.endpoint;

import static org.awaitility.Awaitility.await;

import io.chatsuite.devstack.testing.LocalStackTestResource;
import io.chatsuite.devstack.testing.TestTokenIssuer;
import io.chatsuite.gateway.TestSocket;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.lang.ref.WeakReference;
import java.net.URI;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** Issue 16: an open socket does not keep its upgrade's routing context (and all the request state it holds). */
@QuarkusTest
@WithTestResource(LocalStackTestResource.class)
@WithTestResource(TestTokenIssuer.class)
class UpgradeRoutingContextTests {

    /** The routing context of the latest upgrade, seen before anything of the gateway's, held weakly. */
    @ApplicationScoped
    static class LastUpgrade {

        static final AtomicReference<WeakReference<RoutingContext>> SEEN = new AtomicReference<>();

        void route(@Observes Router router) {
            router.route("/ws").order(-2).handler(context -> {
                SEEN.set(new WeakReference<>(context));
                context.next();
            });
        }
    }

    @TestHTTPResource("/")
    URI base;

    @Inject
    Vertx vertx;

    @Test
    void theUpgradesRoutingContextIsCollectableWhileTheSocketStaysOpen() throws Exception {
        try (TestSocket socket = TestSocket.withToken(vertx, base, TestTokenIssuer.tokenFor(UUID.randomUUID(), "rc"))) {
            socket.send("{\"type\":\"ping\",\"id\":\"open\"}");
            socket.awaitFrameWithId("open");
            WeakReference<RoutingContext> upgrade = LastUpgrade.SEEN.get();

            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).until(() -> {
                System.gc();
                return upgrade.get() == null;
            });
            socket.send("{\"type\":\"ping\",\"id\":\"still-open\"}");
            socket.awaitFrameWithId("still-open");
        }
    }
}
