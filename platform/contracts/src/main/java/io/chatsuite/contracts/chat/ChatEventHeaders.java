package io.chatsuite.contracts.chat;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;

/**
 * The Kafka headers on chat.events records, so a consumer can pass over the events it has no use for (presence-service
 * needs membership changes, not messages) without reading their payloads. A record without the header (published
 * before it existed) has to be read.
 */
public final class ChatEventHeaders {

    /** The event's type name, the same as the payload's {@code type} (e.g. {@code message.created}). */
    public static final String TYPE = "chat-event-type";

    private static final JsonFactory JSON = new JsonFactory();
    private static final Map<Class<?>, String> NAMES = new HashMap<>();

    static {
        // The names are the ones Jackson writes, declared once on ChatEvent.
        for (JsonSubTypes.Type type : ChatEvent.class.getAnnotation(JsonSubTypes.class).value()) {
            NAMES.put(type.value(), type.name());
        }
    }

    private ChatEventHeaders() {
    }

    /** The type name of an event class, as its payload and the {@link #TYPE} header spell it. */
    public static String typeName(Class<? extends ChatEvent> type) {
        String name = NAMES.get(type);
        if (name == null) {
            throw new IllegalArgumentException("not a chat event type: " + type.getName());
        }
        return name;
    }

    /**
     * The {@code type} of a serialized event, read from its top-level fields without building the event (Jackson
     * writes it first, so this usually reads one field); null when the payload has none or is not a JSON object.
     */
    public static String typeOf(String payload) {
        try (JsonParser parser = JSON.createParser(payload)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return null;
            }
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String field = parser.currentName();
                JsonToken value = parser.nextToken();
                if ("type".equals(field)) {
                    return value == JsonToken.VALUE_STRING ? parser.getText() : null;
                }
                parser.skipChildren();
            }
            return null;
        } catch (IOException e) {
            return null;
        }
    }
}
