package io.chatsuite.gateway.endpoint;

import io.quarkus.vertx.http.runtime.security.QuarkusHttpUser;
import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * Keeps the upgrade request out of the socket. Quarkus's HTTP security puts a lazily resolved identity on every
 * request; websockets-next, finding it on an upgrade, keeps the whole routing context for the socket's life (to
 * resolve that identity if an endpoint ever asks), and with it the request, its response, a request-scoped CDI
 * context and the identity's context-propagation captures: about half of an idle socket's heap. The socket is
 * authenticated by {@link TokenUpgradeCheck} and never asks, so the identity is dropped here, after the security
 * handlers and before the upgrade.
 */
@ApplicationScoped
public class UpgradeIdentityRelease {

    /** After the security filters (negative orders from -200) and before the endpoint's own route (0 and up). */
    private static final int BEFORE_UPGRADE = -1;

    void route(@Observes Router router) {
        router.route("/ws").order(BEFORE_UPGRADE).handler(context -> {
            context.remove(QuarkusHttpUser.DEFERRED_IDENTITY_KEY);
            context.next();
        });
    }
}
