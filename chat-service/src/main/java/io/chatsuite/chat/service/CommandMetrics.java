package io.chatsuite.chat.service;

import io.chatsuite.chat.service.CommandOutcome.Refused;
import io.chatsuite.contracts.chat.ChatCommand;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Locale;

/** Commands decided, by type and outcome (accepted, or the refusal's error code), for /q/metrics. */
@ApplicationScoped
public class CommandMetrics {

    private final MeterRegistry registry;

    public CommandMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    void decided(CommandOutcome outcome) {
        String result = outcome instanceof Refused refused ? refused.code().name().toLowerCase(Locale.ROOT) : "accepted";
        registry.counter("chat.commands.processed", "type", ChatCommand.typeName(outcome.command()),
                "outcome", result).increment();
    }
}
