package io.chatsuite.loadgen.echo;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Map;
import java.util.UUID;

/**
 * The few REST calls the bench's scenarios make, answered with what they read and nothing checked: a user is a fresh
 * id and their token is that id; conversations only map members to sockets; history answers the seqs counted, as
 * bodiless events. Anything else is a 404 problem.
 */
final class RestAnswers {

    private static final String BEARER = "Bearer ";
    /** history-service's bound on the new events a sync brings along per conversation. */
    private static final int SYNCED_EVENTS = 20;

    private final Conversations conversations;

    RestAnswers(Conversations conversations) {
        this.conversations = conversations;
    }

    void handle(HttpServerRequest request) {
        request.body().onSuccess(body -> {
            try {
                answer(request, body.length() == 0 ? new JsonObject() : body.toJsonObject());
            } catch (DecodeException | ClassCastException e) {
                problem(request, 400, "the body is not a JSON object");
            }
        });
    }

    private void answer(HttpServerRequest request, JsonObject body) {
        String path = request.path();
        boolean post = request.method() == HttpMethod.POST;
        if (post && path.equals("/api/auth/register")) {
            String id = UUID.randomUUID().toString();
            json(request, 201, new JsonObject().put("user", new JsonObject().put("id", id)
                    .put("username", body.getString("username"))).put("accessToken", id).put("refreshToken", id));
            return;
        }
        if (post && path.equals("/api/auth/refresh") && body.getValue("refreshToken") instanceof String token) {
            json(request, 200, new JsonObject().put("accessToken", token).put("refreshToken", token));
            return;
        }
        String caller = bearer(request.getHeader("Authorization"));
        if (caller == null) {
            problem(request, 401, "Authorization: a bearer token (the user id) is needed");
        } else if (post && path.equals("/api/conversations/direct")
                && body.getValue("userId") instanceof String other) {
            conversation(request, conversations.direct(caller, other));
        } else if (post && path.equals("/api/rooms")) {
            conversation(request, conversations.room(caller));
        } else if (post && path.startsWith("/api/rooms/") && path.endsWith("/join")) {
            String room = path.substring("/api/rooms/".length(), path.length() - "/join".length());
            if (conversations.join(room, caller)) {
                conversation(request, room);
            } else {
                problem(request, 404, "roomId: no such room");
            }
        } else if (post && path.equals("/api/history/sync")) {
            sync(request, caller, body.getJsonObject("conversations", new JsonObject()));
        } else if (request.method() == HttpMethod.GET && path.startsWith("/api/history/conversations/")
                && path.endsWith("/events")) {
            events(request, caller, path.substring("/api/history/conversations/".length(),
                    path.length() - "/events".length()));
        } else {
            problem(request, 404, "the echo does not answer " + request.method() + " " + path);
        }
    }

    /** The conversations with a seq after the one the client holds, and the ones it cannot read. */
    private void sync(HttpServerRequest request, String caller, JsonObject lastSeqs) {
        JsonArray news = new JsonArray();
        JsonArray gone = new JsonArray();
        for (Map.Entry<String, Object> entry : lastSeqs) {
            String id = entry.getKey();
            if (conversations.membersSeenBy(id, caller) == null) {
                gone.add(id);
                continue;
            }
            long held = entry.getValue() instanceof Number number ? number.longValue() : 0;
            long latest = conversations.latestSeq(id);
            if (latest > held) {
                // As history-service does: a few new events come along, more are read from the events pages.
                news.add(new JsonObject().put("conversationId", id).put("latestSeq", latest)
                        .put("newEvents", latest - held)
                        .put("events", latest - held <= SYNCED_EVENTS ? events(id, held, latest) : null));
            }
        }
        json(request, 200, new JsonObject().put("conversations", news).put("gone", gone));
    }

    private void events(HttpServerRequest request, String caller, String conversationId) {
        if (conversations.membersSeenBy(conversationId, caller) == null) {
            problem(request, 404, "conversationId: no such conversation");
            return;
        }
        long after;
        try {
            after = Long.parseLong(request.getParam("after", "0"));
        } catch (NumberFormatException e) {
            problem(request, 400, "after: a seq");
            return;
        }
        long latest = conversations.latestSeq(conversationId);
        json(request, 200, new JsonObject().put("conversationId", conversationId)
                .put("events", events(conversationId, after, latest))
                .put("hasMore", false).put("nextAfter", Math.max(after, latest)).put("latestSeq", latest));
    }

    private static JsonArray events(String conversationId, long after, long latest) {
        JsonArray events = new JsonArray();
        for (long seq = after + 1; seq <= latest; seq++) {
            events.add(new JsonObject().put("type", "message.created").put("conversationId", conversationId)
                    .put("seq", seq));
        }
        return events;
    }

    private void conversation(HttpServerRequest request, String conversationId) {
        json(request, 200, new JsonObject().put("conversation", new JsonObject().put("id", conversationId)));
    }

    /** The bearer token of an Authorization header, which on the echo is the user's id; null without one. */
    static String bearer(String header) {
        return header != null && header.startsWith(BEARER) && header.length() > BEARER.length()
                ? header.substring(BEARER.length()) : null;
    }

    private static void json(HttpServerRequest request, int status, JsonObject body) {
        request.response().setStatusCode(status).putHeader("Content-Type", "application/json")
                .end(Buffer.buffer(body.encode()));
    }

    private static void problem(HttpServerRequest request, int status, String detail) {
        request.response().setStatusCode(status).putHeader("Content-Type", "application/problem+json")
                .end(new JsonObject().put("type", "about:blank").put("status", status).put("detail", detail)
                        .encode());
    }
}
