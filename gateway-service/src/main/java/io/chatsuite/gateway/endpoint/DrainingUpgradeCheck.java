package io.chatsuite.gateway.endpoint;

import io.chatsuite.gateway.shutdown.NodeDrain;
import io.quarkus.websockets.next.HttpUpgradeCheck;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/** A draining node takes no new sockets (503): the client tries again, and the load balancer sends it elsewhere. */
@ApplicationScoped
public class DrainingUpgradeCheck implements HttpUpgradeCheck {

    private final NodeDrain drain;

    public DrainingUpgradeCheck(NodeDrain drain) {
        this.drain = drain;
    }

    @Override
    public Uni<CheckResult> perform(HttpUpgradeContext context) {
        return drain.isDraining() ? CheckResult.rejectUpgrade(503) : CheckResult.permitUpgrade();
    }
}
