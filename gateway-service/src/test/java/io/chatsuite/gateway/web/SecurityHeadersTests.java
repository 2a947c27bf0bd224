package io.chatsuite.gateway.web;

import static io.restassured.RestAssured.given;

import com.sun.net.httpserver.HttpServer;
import io.chatsuite.devstack.testing.LocalStackTestResource;
import io.chatsuite.devstack.testing.TestTokenIssuer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Every answer through the gateway says {@code X-Content-Type-Options: nosniff}: proxied {@code /api} answers and
 * refusals, the proxy's own errors, the session routes, health, and paths nobody serves.
 */
@QuarkusTest
@WithTestResource(LocalStackTestResource.class)
@WithTestResource(TestTokenIssuer.class)
@WithTestResource(SecurityHeadersTests.OwningServices.class)
class SecurityHeadersTests {

    @ParameterizedTest(name = "{0} {1} answers {2}")
    @CsvSource({
        "GET, /api/rooms, 200",
        "GET, /api/rooms/refused, 400",
        "GET, /api/history/search, 502",
        "GET, /web/session, 405",
        "GET, /q/health/live, 200",
        "GET, /nothing-here.js, 404",
    })
    void everyAnswerForbidsSniffing(String method, String path, int status) {
        given().request(method, path).then()
                .statusCode(status)
                .header("X-Content-Type-Options", "nosniff");
    }

    /**
     * Stands in for the services behind /api: chat-service answers (JSON, and a problem for "refused"), while
     * history-service's address has nobody listening, so the gateway answers the error itself.
     */
    public static class OwningServices implements QuarkusTestResourceLifecycleManager {

        private HttpServer chat;

        @Override
        public Map<String, String> start() {
            try {
                chat = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            chat.createContext("/", exchange -> {
                boolean refused = exchange.getRequestURI().getPath().endsWith("/refused");
                byte[] body = (refused ? "{\"status\":400,\"title\":\"Invalid request\"}" : "[]")
                        .getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().set("Content-Type",
                        refused ? "application/problem+json" : "application/json");
                exchange.sendResponseHeaders(refused ? 400 : 200, body.length);
                exchange.getResponseBody().write(body);
                exchange.close();
            });
            chat.start();
            return Map.of(
                    "gateway.routes.chat", "http://127.0.0.1:" + chat.getAddress().getPort(),
                    "gateway.routes.history", "http://127.0.0.1:" + unusedPort());
        }

        @Override
        public void stop() {
            if (chat != null) {
                chat.stop(0);
            }
        }

        private static int unusedPort() {
            try (ServerSocket socket = new ServerSocket(0)) {
                return socket.getLocalPort();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
