package io.chatsuite.gateway.metrics;

import io.chatsuite.gateway.delivery.UserChannelSubscriptions;
import io.chatsuite.gateway.session.LocalSessions;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/** Meters read from the node's state when scraped: open sockets, user channels, Redis reconnects. */
@ApplicationScoped
public class GatewayGauges {

    void register(@Observes StartupEvent startup, MeterRegistry registry, LocalSessions sessions,
                  UserChannelSubscriptions subscriptions) {
        Gauge.builder("chat.gateway.sockets.open", sessions, LocalSessions::size)
                .description("WebSockets open on this node").register(registry);
        FunctionCounter.builder("chat.redis.reconnects", subscriptions, UserChannelSubscriptions::reconnects)
                .description("Times the Redis user-channel connection was lost and reopened").register(registry);
    }
}
