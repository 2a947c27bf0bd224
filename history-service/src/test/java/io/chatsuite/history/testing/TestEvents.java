package io.chatsuite.history.testing;

import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.chatsuite.contracts.Topic;
import io.chatsuite.contracts.chat.ChatEvent;
import io.chatsuite.contracts.user.UserEvent;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** Publishes events to the real Kafka as chat-service and auth-service would: contract JSON, keyed, acks=all. */
@Singleton
public class TestEvents {

    private final ObjectMapper mapper;
    private final String bootstrapServers;
    private KafkaProducer<String, String> producer;

    public TestEvents(ObjectMapper mapper, @ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers) {
        this.mapper = mapper;
        this.bootstrapServers = bootstrapServers;
    }

    /** Publishes to chat.events keyed by conversation, in the given order, and waits for the broker's acks. */
    public List<RecordMetadata> publish(ChatEvent... events) {
        return publish(List.of(events));
    }

    public List<RecordMetadata> publish(List<? extends ChatEvent> events) {
        List<Future<RecordMetadata>> sent = new ArrayList<>();
        for (ChatEvent event : events) {
            sent.add(send(Topic.CHAT_EVENTS, event.conversationId().toString(), event));
        }
        return acknowledged(sent);
    }

    /** Publishes JSON as it is (for example as an older chat-service wrote it) to chat.events. */
    public RecordMetadata publishJson(UUID conversationId, String json) {
        return acknowledged(List.of(sendRaw(Topic.CHAT_EVENTS, conversationId.toString(), json))).get(0);
    }

    /** Publishes to user.events keyed by user. */
    public RecordMetadata publish(UserEvent event) {
        return acknowledged(List.of(send(Topic.USER_EVENTS, event.userId().toString(), event))).get(0);
    }

    /** Publishes a payload as it is, however malformed, as a faulty or hostile producer could. */
    public RecordMetadata publishRaw(Topic topic, String key, String payload) {
        return acknowledged(List.of(sendRaw(topic, key, payload))).get(0);
    }

    /** Waits until the consumer group has committed past the record, i.e. history-service stored it. */
    public void awaitConsumed(String group, RecordMetadata record) {
        TopicPartition partition = new TopicPartition(record.topic(), record.partition());
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                OffsetAndMetadata committed = admin.listConsumerGroupOffsets(group)
                        .partitionsToOffsetAndMetadata().get().get(partition);
                return committed != null && committed.offset() > record.offset();
            });
        }
    }

    private Future<RecordMetadata> send(Topic topic, String key, Object event) {
        try {
            return sendRaw(topic, key, mapper.writeValueAsString(event));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private synchronized Future<RecordMetadata> sendRaw(Topic topic, String key, String payload) {
        if (producer == null) {
            Properties properties = new Properties();
            properties.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
            properties.put(ProducerConfig.ACKS_CONFIG, "all");
            properties.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
            producer = new KafkaProducer<>(properties, new StringSerializer(), new StringSerializer());
        }
        return producer.send(new ProducerRecord<>(topic.topicName(), key, payload));
    }

    private List<RecordMetadata> acknowledged(List<Future<RecordMetadata>> sent) {
        producer.flush();
        List<RecordMetadata> acks = new ArrayList<>();
        try {
            for (Future<RecordMetadata> future : sent) {
                acks.add(future.get());
            }
        } catch (InterruptedException | ExecutionException e) {
            throw new IllegalStateException("Kafka refused a test event", e);
        }
        return acks;
    }

    @PreDestroy
    synchronized void close() {
        if (producer != null) {
            producer.close(Duration.ofSeconds(5));
        }
    }
}
