package io.chatsuite.chat.listener;

import io.chatsuite.chat.service.CommandPipeline;
import io.chatsuite.chat.service.CommandRecord;
import io.chatsuite.contracts.protocol.NodeAnswer;
import io.opentelemetry.context.Context;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.TracingMetadata;
import io.smallrye.reactive.messaging.kafka.KafkaRecord;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * chat.commands in batches; the batch is acknowledged (its offsets committed) only once fully handled, its poison
 * records included (refused to their senders and put on the dead-letter topic, see {@link CommandPipeline}).
 */
@ApplicationScoped
public class CommandListener {

    private final CommandPipeline pipeline;

    public CommandListener(CommandPipeline pipeline) {
        this.pipeline = pipeline;
    }

    @Incoming("commands")
    public Uni<Void> consume(KafkaRecordBatch<String, String> batch) {
        // In a batch no single context is current: the connector gives each record its own consumer span.
        List<CommandRecord> records = batch.getRecords().stream()
                .map(CommandListener::commandRecord)
                .toList();
        return pipeline.handle(records)
                .chain(() -> Uni.createFrom().completionStage(batch.ack()));
    }

    private static CommandRecord commandRecord(KafkaRecord<String, String> record) {
        long offset = record.getMetadata(IncomingKafkaRecordMetadata.class).map(IncomingKafkaRecordMetadata::getOffset)
                .orElse(-1L);
        return new CommandRecord(record.getKey(), record.getPayload(), record.getMetadata(TracingMetadata.class)
                .map(TracingMetadata::getCurrentContext).orElse(Context.root()), nodeOf(record.getHeaders()),
                record.getTopic(), record.getPartition(), offset);
    }

    /** The gateway node the record names, or null: the answer then goes to the sender's own channel. */
    private static UUID nodeOf(Headers headers) {
        Header node = headers.lastHeader(NodeAnswer.HEADER);
        if (node == null || node.value() == null) {
            return null;
        }
        try {
            return UUID.fromString(new String(node.value(), StandardCharsets.UTF_8));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
