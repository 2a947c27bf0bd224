package io.chatsuite.gateway.endpoint;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.chatsuite.contracts.chat.ChatCommand;
import io.chatsuite.contracts.protocol.ErrorCode;
import io.chatsuite.contracts.protocol.ErrorFrame;
import io.chatsuite.contracts.protocol.PongFrame;
import io.chatsuite.contracts.protocol.ServerFrame;
import io.chatsuite.gateway.command.CommandForwarder;
import io.chatsuite.gateway.command.CommandRateLimiter;
import io.chatsuite.gateway.delivery.UserChannelSubscriptions;
import io.chatsuite.gateway.metrics.GatewayMetrics;
import io.chatsuite.gateway.presence.PresenceReporter;
import io.chatsuite.gateway.protocol.ClientFrame;
import io.chatsuite.gateway.protocol.FrameParser;
import io.chatsuite.gateway.session.CloseCodes;
import io.chatsuite.gateway.session.LocalSessions;
import io.chatsuite.gateway.session.SocketSession;
import io.chatsuite.gateway.session.VerifiedToken;
import io.chatsuite.gateway.tracing.MessageSpans;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Scope;
import io.smallrye.mutiny.Uni;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.ServerWebSocket;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import org.jboss.logging.Logger;
import org.jboss.logging.MDC;

/**
 * The client's socket, once {@link SocketUpgrade} has verified its upgrade; the user and session come from the token
 * only. Every frame gets an answer: an ack or event through the user's channel, or an error frame with the frame's
 * id; the socket stays open unless the client floods, stops reading, or its token expires or session is revoked.
 * Nothing here blocks, so every callback runs on the connection's event loop: no worker-thread hop per frame or pong.
 */
@ApplicationScoped
public class ChatSocket {

    private static final Logger LOG = Logger.getLogger(ChatSocket.class);

    private final LocalSessions sessions;
    private final UserChannelSubscriptions subscriptions;
    private final FrameParser parser;
    private final CommandRateLimiter limiter;
    private final CommandForwarder forwarder;
    private final PresenceReporter presence;
    private final ObjectMapper json;
    private final Clock clock;
    private final GatewayMetrics metrics;
    private final MessageSpans spans;

    public ChatSocket(LocalSessions sessions, UserChannelSubscriptions subscriptions, FrameParser parser,
                      CommandRateLimiter limiter, CommandForwarder forwarder, PresenceReporter presence,
                      ObjectMapper json, Clock clock, GatewayMetrics metrics, MessageSpans spans) {
        this.metrics = metrics;
        this.spans = spans;
        this.sessions = sessions;
        this.subscriptions = subscriptions;
        this.parser = parser;
        this.limiter = limiter;
        this.forwarder = forwarder;
        this.presence = presence;
        this.json = json;
        this.clock = clock;
    }

    /**
     * Serves an upgraded socket. Its frames wait (the socket reads nothing) until Redis has its user's channel in
     * effect, so neither its first ack nor a message published after it can pass it by; a subscription that fails
     * waits for no one, since the node subscribes every user again when its Redis connection is back.
     */
    public void attach(ServerWebSocket socket, VerifiedToken token) {
        // The handshake is over: the request's headers, which Vert.x keeps for the socket's life, are needed no more.
        socket.headers().clear();
        socket.pause();
        SocketSession session = sessions.open(socket, token, clock.millis());
        socket.textMessageHandler(text -> handle(session, text));
        socket.binaryMessageHandler(data -> onBinary(session, data));
        socket.pongHandler(data -> session.heard(clock.millis()));
        socket.closeHandler(closed -> sessions.close(session));
        socket.exceptionHandler(failure -> LOG.debugf("socket of user %s: %s", session.userId(), failure));
        subscriptions.subscribe(token.userId()).onTermination().invoke(socket::resume)
                .subscribe().with(heard -> { }, failure -> { });
    }

    /** The protocol is text; a binary frame is read as UTF-8 strictly, so malformed bytes get their own error. */
    private void onBinary(SocketSession session, Buffer data) {
        try {
            String text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(data.getBytes())).toString();
            handle(session, text);
        } catch (CharacterCodingException e) {
            send(session, new ErrorFrame(null, ErrorCode.INVALID_UTF8, "the frame is not valid UTF-8"));
        }
    }

    private void handle(SocketSession session, String text) {
        session.heard(clock.millis());
        metrics.frameIn();
        ClientFrame frame = parser.parse(text, session.userId(), session.sessionId(), clock.instant());
        String id = idOf(frame);
        String type = typeOf(frame);
        // Log lines about this frame name who and where (JSON logs in prod); never the token or the body.
        MDC.put("userId", session.userId().toString());
        if (frame instanceof ClientFrame.Command command) {
            MDC.put("conversationId", command.command().conversationId().toString());
        } else {
            MDC.remove("conversationId");
        }
        switch (limiter.take(session.userId())) {
            case ABUSIVE -> {
                metrics.command(type, "abusive");
                session.close(CloseCodes.POLICY_VIOLATION, "too many commands");
                return;
            }
            case REFUSED -> {
                metrics.command(type, "rate_limited");
                send(session, new ErrorFrame(id, ErrorCode.RATE_LIMITED, "too many commands; slow down"));
                return;
            }
            case BEHIND -> {
                // The node's backlog, not the client's rate: retry later, and nothing counts against the client.
                unavailable(session, id, type, "the server is busy; retry with the same id in a moment");
                return;
            }
            default -> {
                // allowed
            }
        }
        if (frame instanceof ClientFrame.Invalid invalid) {
            metrics.command(type, "invalid");
            send(session, invalid.error());
        } else if (frame instanceof ClientFrame.Ping ping) {
            metrics.command(type, "answered");
            send(session, new PongFrame(ping.id()));
        } else if (frame instanceof ClientFrame.Command && !subscriptions.isConnected()) {
            // Its ack would travel through Redis, which this node cannot hear now: say so rather than stay silent.
            unavailable(session, id, type, "the command could not be taken now; retry with the same id");
        } else if (frame instanceof ClientFrame.Command command) {
            ChatCommand chat = command.command();
            Span span = spans.command(type, chat.clientId(), session.userId(), chat.conversationId());
            Uni<Void> forwarding;
            try (Scope ignored = span.makeCurrent()) {
                forwarding = forwarder.forward(chat);
            }
            forwarded(session, id, type, forwarding.onTermination().invoke((done, failure, cancelled) ->
                    MessageSpans.ended(span, failure)));
        } else if (frame instanceof ClientFrame.Typing typing) {
            forwarded(session, id, type, forwarder.signal(typing.signal()));
        } else if (frame instanceof ClientFrame.Idle idle) {
            metrics.command(type, "answered");
            presence.idle(session, idle.idle());
        }
    }

    private void forwarded(SocketSession session, String id, String type, Uni<Void> forwarding) {
        forwarding.subscribe().with(done -> metrics.command(type, "forwarded"), failure ->
                unavailable(session, id, type, "the command could not be taken now; retry with the same id"));
    }

    private void unavailable(SocketSession session, String id, String type, String message) {
        metrics.command(type, "unavailable");
        send(session, new ErrorFrame(id, ErrorCode.UNAVAILABLE, message));
    }

    /** The frame's protocol type, a bounded set (metric tags must not grow with input). */
    private static String typeOf(ClientFrame frame) {
        if (frame instanceof ClientFrame.Command command) {
            return ChatCommand.typeName(command.command());
        }
        if (frame instanceof ClientFrame.Typing) {
            return "typing";
        }
        return frame instanceof ClientFrame.Ping ? "ping" : "invalid";
    }

    private static String idOf(ClientFrame frame) {
        if (frame instanceof ClientFrame.Command command) {
            return command.command().clientId();
        }
        if (frame instanceof ClientFrame.Typing typing) {
            return typing.id();
        }
        if (frame instanceof ClientFrame.Ping ping) {
            return ping.id();
        }
        if (frame instanceof ClientFrame.Idle idle) {
            return idle.id();
        }
        return ((ClientFrame.Invalid) frame).error().id();
    }

    private void send(SocketSession session, ServerFrame frame) {
        try {
            session.push(json.writeValueAsString(frame));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
