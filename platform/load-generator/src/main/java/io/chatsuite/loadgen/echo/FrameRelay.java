package io.chatsuite.loadgen.echo;

import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.Set;

/**
 * One socket's frames, answered the naive way (parse, look up, broadcast in memory, nothing stored): a {@code send}
 * gets an {@code ack} echoing its id and a {@code message.created} event to every open socket of every member, the
 * sender's included, as the suite's gateway does; a {@code react} an {@code ack} and a {@code reaction.added} or
 * {@code reaction.removed} event to every member; a {@code read} an {@code ack} and a {@code receipt} to every member;
 * a {@code ping} gets a {@code pong}; anything else an {@code error} with a code and the client's id.
 */
final class FrameRelay {

    private final String userId;
    private final ServerWebSocket socket;
    private final Conversations conversations;
    private final OnlineSockets online;

    FrameRelay(String userId, ServerWebSocket socket, Conversations conversations, OnlineSockets online) {
        this.userId = userId;
        this.socket = socket;
        this.conversations = conversations;
        this.online = online;
    }

    void on(String text) {
        JsonObject frame;
        try {
            frame = new JsonObject(text);
        } catch (DecodeException | ClassCastException e) {
            error(null, "bad_json", "the frame is not a JSON object");
            return;
        }
        String id = frame.getValue("id") instanceof String given ? given : null;
        switch (String.valueOf(frame.getValue("type"))) {
            case "send" -> send(id, frame);
            case "react" -> react(id, frame);
            case "read" -> read(id, frame);
            case "ping" -> socket.writeTextMessage(new JsonObject().put("type", "pong").put("id", id).encode());
            default -> error(id, "unknown_type", "type: the echo answers send, react, read and ping");
        }
    }

    private void send(String id, JsonObject frame) {
        Set<String> members = membersFor(id, frame, "id", "conversationId", "body");
        if (members == null) {
            return;
        }
        String conversationId = frame.getString("conversationId");
        long seq = conversations.nextSeq(conversationId);
        String at = Instant.now().toString();
        String messageId = conversationId + ":" + seq;
        socket.writeTextMessage(new JsonObject().put("type", "ack").put("id", id)
                .put("conversationId", conversationId).put("messageId", messageId).put("seq", seq).put("at", at)
                .encode());
        JsonObject event = new JsonObject().put("type", "message.created").put("v", 1)
                .put("conversationId", conversationId).put("seq", seq).put("occurredAt", at).put("actorId", userId)
                .put("messageId", messageId).put("body", frame.getString("body")).put("format", "markdown");
        online.broadcast(members, new JsonObject().put("type", "event").put("event", event).encode());
    }

    private void react(String id, JsonObject frame) {
        Set<String> members = membersFor(id, frame, "id", "conversationId", "messageId", "emoji");
        if (members == null) {
            return;
        }
        String conversationId = frame.getString("conversationId");
        long seq = conversations.nextSeq(conversationId);
        String at = Instant.now().toString();
        socket.writeTextMessage(new JsonObject().put("type", "ack").put("id", id)
                .put("conversationId", conversationId).put("messageId", frame.getString("messageId")).put("seq", seq)
                .put("at", at).encode());
        JsonObject event = new JsonObject()
                .put("type", Boolean.TRUE.equals(frame.getValue("remove")) ? "reaction.removed" : "reaction.added")
                .put("v", 1).put("conversationId", conversationId).put("seq", seq).put("occurredAt", at)
                .put("actorId", userId).put("messageId", frame.getString("messageId"))
                .put("emoji", frame.getString("emoji"));
        online.broadcast(members, new JsonObject().put("type", "event").put("event", event).encode());
    }

    private void read(String id, JsonObject frame) {
        Set<String> members = membersFor(id, frame, "id", "conversationId");
        if (members == null) {
            return;
        }
        if (!(frame.getValue("seq") instanceof Number seq)) {
            error(id, "missing_field", "seq: required");
            return;
        }
        String conversationId = frame.getString("conversationId");
        String at = Instant.now().toString();
        socket.writeTextMessage(new JsonObject().put("type", "ack").put("id", id)
                .put("conversationId", conversationId).put("seq", seq.longValue()).put("at", at).encode());
        online.broadcast(members, new JsonObject().put("type", "receipt").put("conversationId", conversationId)
                .put("userId", userId).put("seq", seq.longValue()).put("at", at).encode());
    }

    /** The members of the frame's conversation once its text fields are there; null after answering an error. */
    private Set<String> membersFor(String id, JsonObject frame, String... requiredText) {
        for (String field : requiredText) {
            if (!(frame.getValue(field) instanceof String)) {
                error(id, "missing_field", field + ": required");
                return null;
            }
        }
        Set<String> members = conversations.membersSeenBy(frame.getString("conversationId"), userId);
        if (members == null) {
            error(id, "not_found", "conversationId: no such conversation");
        }
        return members;
    }

    private void error(String id, String code, String message) {
        socket.writeTextMessage(new JsonObject().put("type", "error").put("id", id).put("code", code)
                .put("message", message).encode());
    }
}
