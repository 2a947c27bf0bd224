package io.chatsuite.chat.service;

import io.chatsuite.kit.consumer.DeadLetterMessage;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Channel;

/**
 * Puts one command record of a batch on chat.commands.dead-letter, in the format every batch consumer uses
 * ({@link DeadLetterMessage}): the connector's dead-letter strategy works on whole batches only.
 */
@ApplicationScoped
public class CommandDeadLetters {

    private final MutinyEmitter<String> deadLetters;

    public CommandDeadLetters(@Channel("commands-dead-letter") MutinyEmitter<String> deadLetters) {
        this.deadLetters = deadLetters;
    }

    /** Completes when Kafka has the dead letter, so the batch's offsets are committed only after that. */
    public Uni<Void> send(CommandRecord record, Throwable reason) {
        return deadLetters.sendMessage(DeadLetterMessage.of(record.topic(), record.partition(), record.offset(),
                record.key(), record.payload(), reason));
    }
}
