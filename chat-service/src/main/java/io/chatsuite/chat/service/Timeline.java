package io.chatsuite.chat.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.chatsuite.chat.repository.TimelineRepository;
import io.chatsuite.contracts.chat.ChatEvent;
import io.chatsuite.contracts.chat.TimelineEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.UUID;
import java.util.function.LongFunction;

/** Appends events to a conversation's timeline inside the caller's transaction. */
@ApplicationScoped
public class Timeline {

    private final TimelineRepository timeline;
    private final ObjectMapper json;

    public Timeline(TimelineRepository timeline, ObjectMapper json) {
        this.timeline = timeline;
        this.json = json;
    }

    /** Takes the next seq, builds the event for it and stores it; the commit makes both visible together. */
    public <E extends TimelineEvent> Uni<E> append(SqlClient tx, UUID conversationId, Instant at,
                                                   LongFunction<E> eventAtSeq) {
        return timeline.nextSeq(tx, conversationId).chain(seq -> {
            E event = eventAtSeq.apply(seq);
            return timeline.insertEvent(tx, conversationId, seq, write(event), at).replaceWith(event);
        });
    }

    String write(ChatEvent event) {
        try {
            return json.writeValueAsString(event);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("an event that cannot be written as JSON: " + event, e);
        }
    }
}
