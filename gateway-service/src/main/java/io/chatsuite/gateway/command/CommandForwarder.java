package io.chatsuite.gateway.command;

import static java.nio.charset.StandardCharsets.UTF_8;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.chatsuite.contracts.chat.ChatCommand;
import io.chatsuite.contracts.protocol.NodeAnswer;
import io.chatsuite.contracts.presence.PresenceSignal;
import io.chatsuite.gateway.config.GatewayNode;
import io.opentelemetry.context.Context;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.TracingMetadata;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;

/**
 * Puts validated commands on Kafka, keyed so that each conversation keeps one order and naming this node, whose
 * channel then carries chat-service's answers once the command is durable. Completes when Kafka has the record.
 */
@ApplicationScoped
public class CommandForwarder {

    private final MutinyEmitter<String> commands;
    private final MutinyEmitter<String> signals;
    private final ObjectMapper json;
    private final NodeBacklog backlog;
    private final RecordHeader fromThisNode;

    public CommandForwarder(@Channel("commands") MutinyEmitter<String> commands,
                            // A node's reconnect storm or snapshot is a burst: buffer it rather than refuse it.
                            @Channel("presence-signals") @OnOverflow(value = OnOverflow.Strategy.BUFFER, bufferSize = 65536)
                            MutinyEmitter<String> signals, ObjectMapper json, NodeBacklog backlog, GatewayNode node) {
        this.commands = commands;
        this.fromThisNode = new RecordHeader(NodeAnswer.HEADER, node.id().toString().getBytes(UTF_8));
        this.backlog = backlog;
        this.signals = signals;
        this.json = json;
    }

    /**
     * Sends the command in the current trace context (the caller's command span): the connector's producer span is
     * its child and the record's headers carry it (traceparent) to chat-service.
     */
    public Uni<Void> forward(ChatCommand command) {
        // Counted until Kafka answers: too many at once means this node is behind (NodeBacklog).
        return send(commands, command.conversationId().toString(), fromThisNode, command)
                .onSubscription().invoke(backlog::sendStarted)
                .onTermination().invoke(backlog::sendSettled);
    }

    public Uni<Void> signal(PresenceSignal signal) {
        return send(signals, signal.partitionKey(), null, signal);
    }

    private Uni<Void> send(MutinyEmitter<String> emitter, String key, RecordHeader header, Object payload) {
        String value;
        try {
            value = json.writeValueAsString(payload);
        } catch (JsonProcessingException e) {
            return Uni.createFrom().failure(e);
        }
        var metadata = OutgoingKafkaRecordMetadata.<String>builder().withKey(key);
        if (header != null) {
            metadata.addHeaders(header);
        }
        // The context is taken now, on the caller's thread: the connector sends later, where it is no longer current.
        return emitter.sendMessage(Message.of(value)
                .addMetadata(metadata.build())
                .addMetadata(TracingMetadata.withCurrent(Context.current())));
    }
}
