package io.chatsuite.devstack.testing;

import static org.awaitility.Awaitility.await;

import io.chatsuite.contracts.Topic;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringDeserializer;

/** A topic's dead-letter topic as tests read it: the records set aside, and where each one came from. */
public final class DeadLetterTopic {

    private DeadLetterTopic() {
    }

    /** Everything on the topic's dead-letter topic from its start, once it satisfies the condition (30 s at most). */
    public static List<ConsumerRecord<String, String>> awaitRecords(
            String bootstrapServers, Topic topic, Predicate<List<ConsumerRecord<String, String>>> condition) {
        Map<String, Object> config = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config, new StringDeserializer(),
                new StringDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic.deadLetterTopicName()).stream()
                    .map(info -> new TopicPartition(info.topic(), info.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            List<ConsumerRecord<String, String>> seen = new ArrayList<>();
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(seen::add);
                return condition.test(seen);
            });
            return seen;
        }
    }

    /** Whether the record is the dead letter of the original, by the coordinates SmallRye's headers name. */
    public static boolean isDeadLetterOf(ConsumerRecord<String, String> record, RecordMetadata original) {
        return Optional.of(original.topic()).equals(header(record, "dead-letter-topic"))
                && Optional.of(Integer.toString(original.partition())).equals(header(record, "dead-letter-partition"))
                && Optional.of(Long.toString(original.offset())).equals(header(record, "dead-letter-offset"));
    }

    public static Optional<String> header(ConsumerRecord<String, String> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? Optional.empty() : Optional.of(new String(header.value(), StandardCharsets.UTF_8));
    }
}
