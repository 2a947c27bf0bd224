package io.chatsuite.history.mapping;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import io.chatsuite.contracts.chat.AttachmentRef;
import io.chatsuite.contracts.chat.ChatEvent;
import io.chatsuite.contracts.user.UserEvent;
import io.chatsuite.history.api.ReactionView;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

/** Reads and writes the contract payloads with the application's one ObjectMapper. */
@ApplicationScoped
public class EventJson {

    private static final TypeReference<List<AttachmentRef>> ATTACHMENTS = new TypeReference<>() {
    };

    private static final TypeReference<List<ReactionView>> REACTIONS = new TypeReference<>() {
    };

    private final ObjectMapper mapper;
    private final ObjectReader userEvents;

    public EventJson(ObjectMapper mapper) {
        this.mapper = mapper;
        // auth-service may add user event types history does not need; those read as null and are passed over.
        this.userEvents = mapper.readerFor(UserEvent.class).without(DeserializationFeature.FAIL_ON_INVALID_SUBTYPE);
    }

    /** A chat event; an unknown type fails, since skipping it would leave a hole in a timeline. */
    public ChatEvent chatEvent(String json) {
        try {
            return mapper.readValue(json, ChatEvent.class);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("unreadable chat event: " + e.getOriginalMessage(), e);
        }
    }

    /** A user event, or null for a type history-service does not know. */
    public UserEvent userEvent(String json) {
        try {
            return userEvents.readValue(json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("unreadable user event: " + e.getOriginalMessage(), e);
        }
    }

    public List<AttachmentRef> attachments(String json) {
        try {
            return mapper.readValue(json, ATTACHMENTS);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored attachments are not readable", e);
        }
    }

    public List<ReactionView> reactions(String json) {
        try {
            return mapper.readValue(json, REACTIONS);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored reactions are not readable", e);
        }
    }

    public String write(Object value) {
        try {
            return mapper.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write " + value.getClass().getSimpleName(), e);
        }
    }
}
