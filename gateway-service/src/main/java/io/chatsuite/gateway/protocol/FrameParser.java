package io.chatsuite.gateway.protocol;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.chatsuite.contracts.chat.DeleteMessage;
import io.chatsuite.contracts.chat.EditMessage;
import io.chatsuite.contracts.chat.MarkRead;
import io.chatsuite.contracts.chat.MarkUnread;
import io.chatsuite.contracts.chat.MessageFormat;
import io.chatsuite.contracts.chat.ReactToMessage;
import io.chatsuite.contracts.chat.ReactionEmoji;
import io.chatsuite.contracts.chat.SendMessage;
import io.chatsuite.contracts.presence.TypingSignal;
import io.chatsuite.contracts.protocol.ErrorCode;
import io.chatsuite.contracts.protocol.ErrorFrame;
import io.chatsuite.contracts.text.StorableText;
import io.chatsuite.gateway.config.GatewayConfig;
import io.chatsuite.gateway.protocol.ClientFrame.Command;
import io.chatsuite.gateway.protocol.ClientFrame.Idle;
import io.chatsuite.gateway.protocol.ClientFrame.Invalid;
import io.chatsuite.gateway.protocol.ClientFrame.Ping;
import io.chatsuite.gateway.protocol.ClientFrame.Typing;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Validates client frames (docs/protocol.md) and turns them into commands. The sender and session are always the
 * socket's; a frame may carry only the fields its type defines, so a misspelt field is refused instead of ignored.
 */
@ApplicationScoped
public class FrameParser {

    private static final int MAX_ID_LENGTH = 64;
    // Ids become idempotency keys in PostgreSQL and appear in logs: a safe alphabet, no control characters.
    private static final java.util.regex.Pattern ID = java.util.regex.Pattern.compile("[A-Za-z0-9._:-]{1,64}");
    private static final int MAX_ATTACHMENTS = 10;

    private final ObjectMapper json;
    private final GatewayConfig config;

    public FrameParser(ObjectMapper json, GatewayConfig config) {
        this.json = json;
        this.config = config;
    }

    /** Every field each frame type may carry (id and type included); anything else is {@code invalid_field}. */
    private static final Map<String, Set<String>> FIELDS = Map.of(
            "send", Set.of("id", "type", "conversationId", "body", "format", "replyTo", "attachments", "threadRootId",
                    "alsoToConversation"),
            "edit", Set.of("id", "type", "conversationId", "messageId", "body"),
            "delete", Set.of("id", "type", "conversationId", "messageId"),
            "read", Set.of("id", "type", "conversationId", "seq"),
            "react", Set.of("id", "type", "conversationId", "messageId", "emoji", "remove"),
            "unread", Set.of("id", "type", "conversationId", "messageId"),
            "typing", Set.of("id", "type", "conversationId", "typing"),
            "idle", Set.of("id", "type", "idle"),
            "ping", Set.of("id", "type"));

    public ClientFrame parse(String text, UUID sender, UUID session, Instant now) {
        if (exceedsFrameLimit(text)) {
            return invalid(null, ErrorCode.TOO_LARGE,
                    "a frame may be at most " + config.limits().frameBytes() + " bytes");
        }
        // The text decoder replaces malformed UTF-8 with U+FFFD; the protocol never needs that character.
        if (text.indexOf('\uFFFD') >= 0) {
            return invalid(null, ErrorCode.INVALID_UTF8, "the frame is not valid UTF-8");
        }
        JsonNode frame;
        try {
            frame = json.readTree(text);
        } catch (JsonProcessingException e) {
            return invalid(null, ErrorCode.BAD_JSON, "the frame is not JSON");
        }
        if (frame == null || !frame.isObject()) {
            return invalid(null, ErrorCode.BAD_JSON, "a frame is a JSON object");
        }
        try {
            return parseObject(new Fields(frame), sender, session, now);
        } catch (FieldProblem problem) {
            return invalid(problem.id, problem.code, problem.getMessage());
        }
    }

    private ClientFrame parseObject(Fields frame, UUID sender, UUID session, Instant now) {
        String id = frame.requiredText(null, "id");
        if (!ID.matcher(id).matches()) {
            throw new FieldProblem(null, ErrorCode.INVALID_FIELD, "id: 1 to " + MAX_ID_LENGTH
                    + " letters, digits or . _ : -");
        }
        String type = frame.requiredText(id, "type");
        Set<String> known = FIELDS.get(type);
        if (known == null) {
            throw new FieldProblem(id, ErrorCode.UNKNOWN_TYPE, "type: unknown frame type '" + type + "'");
        }
        frame.node.fieldNames().forEachRemaining(name -> {
            if (!known.contains(name)) {
                throw new FieldProblem(id, ErrorCode.INVALID_FIELD, name + ": not a field of a " + type + " frame");
            }
        });
        return switch (type) {
            case "send" -> send(frame, id, sender, session, now);
            case "edit" -> new Command(new EditMessage(id, frame.uuid(id, "conversationId"), sender, session, now,
                    frame.uuid(id, "messageId"), body(frame, id)));
            case "delete" -> new Command(new DeleteMessage(id, frame.uuid(id, "conversationId"), sender, session, now,
                    frame.uuid(id, "messageId")));
            case "read" -> new Command(new MarkRead(id, frame.uuid(id, "conversationId"), sender, session, now,
                    frame.nonNegativeLong(id, "seq")));
            case "react" -> new Command(new ReactToMessage(id, frame.uuid(id, "conversationId"), sender, session,
                    now, frame.uuid(id, "messageId"), emoji(frame, id), frame.optionalBoolean(id, "remove", false)));
            case "unread" -> new Command(new MarkUnread(id, frame.uuid(id, "conversationId"), sender, session, now,
                    frame.uuid(id, "messageId")));
            case "typing" -> new Typing(id, new TypingSignal(sender, frame.uuid(id, "conversationId"),
                    frame.optionalBoolean(id, "typing", true), now));
            case "idle" -> new Idle(id, frame.requiredBoolean(id, "idle"));
            case "ping" -> new Ping(id);
            default -> throw new FieldProblem(id, ErrorCode.UNKNOWN_TYPE, "type: unknown frame type '" + type + "'");
        };
    }

    private Command send(Fields frame, String id, UUID sender, UUID session, Instant now) {
        UUID threadRootId = frame.optionalUuid(id, "threadRootId");
        boolean alsoToConversation = frame.optionalBoolean(id, "alsoToConversation", false);
        if (alsoToConversation && threadRootId == null) {
            throw new FieldProblem(id, ErrorCode.INVALID_FIELD,
                    "alsoToConversation: only for a thread reply (with threadRootId)");
        }
        return new Command(new SendMessage(id, frame.uuid(id, "conversationId"), sender, session, now,
                body(frame, id), format(frame, id), frame.optionalPositiveLong(id, "replyTo"), attachments(frame, id),
                threadRootId, alsoToConversation));
    }

    private String body(Fields frame, String id) {
        String body = frame.requiredText(id, "body");
        if (body.isBlank()) {
            throw new FieldProblem(id, ErrorCode.INVALID_FIELD, "body: must not be blank");
        }
        if (body.length() > config.limits().bodyLength()) {
            throw new FieldProblem(id, ErrorCode.TOO_LARGE, "body: at most " + config.limits().bodyLength()
                    + " characters");
        }
        StorableText.refusal(body, StorableText.Kind.BODY).ifPresent(reason -> {
            throw new FieldProblem(id, ErrorCode.INVALID_FIELD, "body: " + reason);
        });
        return body;
    }

    private static String emoji(Fields frame, String id) {
        String emoji = frame.requiredText(id, "emoji");
        ReactionEmoji.refusal(emoji).ifPresent(reason -> {
            throw new FieldProblem(id, ErrorCode.INVALID_FIELD, "emoji: " + reason);
        });
        return emoji;
    }

    private static MessageFormat format(Fields frame, String id) {
        JsonNode format = frame.node.get("format");
        if (format == null || format.isNull()) {
            return MessageFormat.MARKDOWN;
        }
        try {
            return MessageFormat.valueOf(format.asText().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new FieldProblem(id, ErrorCode.INVALID_FIELD, "format: 'plain' or 'markdown'");
        }
    }

    private static List<UUID> attachments(Fields frame, String id) {
        JsonNode attachments = frame.node.get("attachments");
        if (attachments == null || attachments.isNull()) {
            return List.of();
        }
        if (!attachments.isArray() || attachments.size() > MAX_ATTACHMENTS) {
            throw new FieldProblem(id, ErrorCode.INVALID_FIELD, "attachments: a list of at most " + MAX_ATTACHMENTS
                    + " upload ids");
        }
        List<UUID> ids = new ArrayList<>();
        attachments.forEach(element -> ids.add(Fields.toUuid(id, "attachments", element)));
        return ids;
    }

    private boolean exceedsFrameLimit(String text) {
        int limit = config.limits().frameBytes();
        // A char is one to three UTF-8 bytes: count bytes only when the length alone does not decide.
        if (text.length() > limit) {
            return true;
        }
        return (long) text.length() * 3 > limit && text.getBytes(StandardCharsets.UTF_8).length > limit;
    }

    private static ClientFrame invalid(String id, ErrorCode code, String message) {
        return new Invalid(new ErrorFrame(id, code, message));
    }

    /** Typed access to a frame's fields, each failure naming the field. */
    private record Fields(JsonNode node) {

        String requiredText(String id, String name) {
            JsonNode value = node.get(name);
            if (value == null || value.isNull()) {
                throw new FieldProblem(id, ErrorCode.MISSING_FIELD, name + ": required");
            }
            if (!value.isTextual()) {
                throw new FieldProblem(id, ErrorCode.INVALID_FIELD, name + ": must be a string");
            }
            return value.asText();
        }

        UUID uuid(String id, String name) {
            JsonNode value = node.get(name);
            if (value == null || value.isNull()) {
                throw new FieldProblem(id, ErrorCode.MISSING_FIELD, name + ": required");
            }
            return toUuid(id, name, value);
        }

        UUID optionalUuid(String id, String name) {
            JsonNode value = node.get(name);
            return value == null || value.isNull() ? null : toUuid(id, name, value);
        }

        static UUID toUuid(String id, String name, JsonNode value) {
            try {
                if (value.isTextual()) {
                    return UUID.fromString(value.asText());
                }
            } catch (IllegalArgumentException e) {
                // reported below
            }
            throw new FieldProblem(id, ErrorCode.INVALID_FIELD, name + ": must be a UUID");
        }

        long nonNegativeLong(String id, String name) {
            JsonNode value = node.get(name);
            if (value == null || value.isNull()) {
                throw new FieldProblem(id, ErrorCode.MISSING_FIELD, name + ": required");
            }
            if (!value.canConvertToLong() || !value.isIntegralNumber() || value.asLong() < 0) {
                throw new FieldProblem(id, ErrorCode.INVALID_FIELD, name + ": must be a whole number, 0 or more");
            }
            return value.asLong();
        }

        Long optionalPositiveLong(String id, String name) {
            JsonNode value = node.get(name);
            if (value == null || value.isNull()) {
                return null;
            }
            if (!value.isIntegralNumber() || !value.canConvertToLong() || value.asLong() < 1) {
                throw new FieldProblem(id, ErrorCode.INVALID_FIELD, name + ": must be a whole number, 1 or more");
            }
            return value.asLong();
        }

        boolean requiredBoolean(String id, String name) {
            JsonNode value = node.get(name);
            if (value == null || value.isNull()) {
                throw new FieldProblem(id, ErrorCode.MISSING_FIELD, name + ": required");
            }
            return optionalBoolean(id, name, false);
        }

        boolean optionalBoolean(String id, String name, boolean fallback) {
            JsonNode value = node.get(name);
            if (value == null || value.isNull()) {
                return fallback;
            }
            if (!value.isBoolean()) {
                throw new FieldProblem(id, ErrorCode.INVALID_FIELD, name + ": must be true or false");
            }
            return value.asBoolean();
        }
    }

    private static final class FieldProblem extends RuntimeException {

        private final String id;
        private final ErrorCode code;

        FieldProblem(String id, ErrorCode code, String message) {
            super(message, null, false, false);
            this.id = id;
            this.code = code;
        }
    }
}
