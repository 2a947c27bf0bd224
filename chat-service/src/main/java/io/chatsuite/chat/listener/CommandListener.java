package io.chatsuite.chat.listener;

import io.chatsuite.chat.service.CommandPipeline;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/** chat.commands in batches; the batch is acknowledged (its offsets committed) only once fully handled. */
@ApplicationScoped
public class CommandListener {

    private final CommandPipeline pipeline;

    public CommandListener(CommandPipeline pipeline) {
        this.pipeline = pipeline;
    }

    @Incoming("commands")
    public Uni<Void> consume(KafkaRecordBatch<String, String> batch) {
        return pipeline.handle(batch.getPayload())
                .chain(() -> Uni.createFrom().completionStage(batch.ack()));
    }
}
