package io.chatsuite.auth.repository;

import io.chatsuite.auth.model.OutboxEvent;
import io.quarkus.hibernate.reactive.panache.PanacheRepository;
import jakarta.enterprise.context.ApplicationScoped;

@ApplicationScoped
public class OutboxEventRepository implements PanacheRepository<OutboxEvent> {
}
