package io.chatsuite.gateway.metrics;

import io.chatsuite.gateway.command.NodeBacklog;
import io.chatsuite.gateway.delivery.UserChannelSubscriptions;
import io.chatsuite.gateway.session.LocalSessions;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.TimeGauge;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.concurrent.TimeUnit;

/** Meters read from the node's state when scraped: open sockets, Redis reconnects, the node's own backlog. */
@ApplicationScoped
public class GatewayGauges {

    void register(@Observes StartupEvent startup, MeterRegistry registry, LocalSessions sessions,
                  UserChannelSubscriptions subscriptions, NodeBacklog backlog) {
        Gauge.builder("chat.gateway.sockets.open", sessions, LocalSessions::size)
                .description("WebSockets open on this node").register(registry);
        FunctionCounter.builder("chat.redis.reconnects", subscriptions, UserChannelSubscriptions::reconnects)
                .description("Times the Redis user-channel connection was lost and reopened").register(registry);
        Gauge.builder("chat.gateway.backlog.pending.sends", backlog, NodeBacklog::pendingSends)
                .description("Commands handed to Kafka and not yet acknowledged by it").register(registry);
        TimeGauge.builder("chat.gateway.backlog.lag", backlog, TimeUnit.MILLISECONDS, NodeBacklog::lagMillis)
                .description("How late the node's probe last ran on a worker thread").register(registry);
    }
}
