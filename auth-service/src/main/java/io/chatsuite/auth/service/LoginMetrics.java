package io.chatsuite.auth.service;

import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;

/** Refused logins by reason (wrong_credentials, throttled): a rising rate is someone guessing passwords. */
@ApplicationScoped
public class LoginMetrics {

    private final MeterRegistry registry;

    public LoginMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    void refused(String reason) {
        registry.counter("chat.auth.logins.refused", "reason", reason).increment();
    }
}
