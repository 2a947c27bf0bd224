package io.chatsuite.chat.rest;

import com.fasterxml.jackson.databind.JsonNode;
import io.chatsuite.chat.service.RoomChange;
import io.chatsuite.contracts.text.StorableText;
import io.chatsuite.problem.ProblemException;
import java.util.Map;
import java.util.Optional;

/**
 * Reads {@code PATCH /api/rooms/{id}} as a JSON merge patch (RFC 7396): a field left out stays as it is, {@code null}
 * clears the topic, and a field that is not a room setting is refused by name.
 */
final class RoomPatch {

    static final int NAME_LENGTH = 100;
    static final int TOPIC_LENGTH = 500;
    static final String ADMINS = "admins";
    static final String EVERYONE = "everyone";

    private RoomPatch() {
    }

    static RoomChange read(JsonNode patch) {
        if (patch == null || !patch.isObject()) {
            throw ProblemException.invalidField("body", "a JSON object of the settings to change");
        }
        for (Map.Entry<String, JsonNode> field : patch.properties()) {
            if (!field.getKey().equals("name") && !field.getKey().equals("topic")
                    && !field.getKey().equals("isPublic") && !field.getKey().equals("roomMentions")) {
                throw ProblemException.invalidField(field.getKey(),
                        "not a room setting (name, topic, isPublic, roomMentions)");
            }
        }
        return new RoomChange(name(patch.get("name")), topic(patch.get("topic")), isPublic(patch.get("isPublic")),
                everyoneMentionsRoom(patch.get("roomMentions")));
    }

    /** The wire name of who may mention a room whole. */
    static String roomMentionsName(boolean everyone) {
        return everyone ? EVERYONE : ADMINS;
    }

    private static Optional<Boolean> everyoneMentionsRoom(JsonNode value) {
        if (value == null) {
            return Optional.empty();
        }
        if (!value.isTextual() || !(value.asText().equals(ADMINS) || value.asText().equals(EVERYONE))) {
            throw ProblemException.invalidField("roomMentions",
                    "who may use @room and @here: \"admins\" (owner and admins) or \"everyone\"");
        }
        return Optional.of(value.asText().equals(EVERYONE));
    }

    private static Optional<String> name(JsonNode value) {
        if (value == null) {
            return Optional.empty();
        }
        if (!value.isTextual() || value.asText().isBlank()) {
            throw ProblemException.invalidField("name", "a room needs a name; it cannot be cleared");
        }
        String name = storable("name", value.asText()).trim();
        if (name.length() > NAME_LENGTH) {
            throw ProblemException.invalidField("name", "at most " + NAME_LENGTH + " characters");
        }
        return Optional.of(name);
    }

    private static Optional<Optional<String>> topic(JsonNode value) {
        if (value == null) {
            return Optional.empty();
        }
        if (value.isNull()) {
            return Optional.of(Optional.empty());
        }
        if (!value.isTextual()) {
            throw ProblemException.invalidField("topic", "a string, or null to clear it");
        }
        if (value.asText().length() > TOPIC_LENGTH) {
            throw ProblemException.invalidField("topic", "at most " + TOPIC_LENGTH + " characters");
        }
        return Optional.of(Optional.of(storable("topic", value.asText())));
    }

    /** The same rule as the room's creation (@Storable): what the store cannot hold is refused, naming the field. */
    private static String storable(String field, String text) {
        StorableText.refusal(text, StorableText.Kind.LINE).ifPresent(reason -> {
            throw ProblemException.invalidField(field, reason);
        });
        return text;
    }

    private static Optional<Boolean> isPublic(JsonNode value) {
        if (value == null) {
            return Optional.empty();
        }
        if (!value.isBoolean()) {
            throw ProblemException.invalidField("isPublic", "true or false; it cannot be cleared");
        }
        return Optional.of(value.asBoolean());
    }
}
