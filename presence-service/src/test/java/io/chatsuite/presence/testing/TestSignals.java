package io.chatsuite.presence.testing;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.chatsuite.contracts.Topic;
import io.chatsuite.contracts.chat.ChatEvent;
import io.chatsuite.contracts.chat.ChatEventHeaders;
import io.chatsuite.contracts.presence.PresenceSignal;
import io.chatsuite.contracts.user.UserEvent;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** Publishes to the real Kafka what gateways, chat-service and auth-service would: contract JSON, keyed, acked. */
@Singleton
public class TestSignals {

    private final ObjectMapper mapper;
    private final String bootstrapServers;
    private KafkaProducer<String, String> producer;

    public TestSignals(ObjectMapper mapper, @ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers) {
        this.mapper = mapper;
        this.bootstrapServers = bootstrapServers;
    }

    public void signal(PresenceSignal... signals) {
        for (PresenceSignal signal : signals) {
            send(Topic.PRESENCE_SIGNALS, signal.partitionKey(), signal);
        }
    }

    public void event(ChatEvent event) {
        send(Topic.CHAT_EVENTS, event.conversationId().toString(), event);
    }

    public void event(UserEvent event) {
        send(Topic.USER_EVENTS, event.userId().toString(), event);
    }

    /** A chat event as chat-service publishes it: with its type in the header consumers filter by. */
    public RecordMetadata published(ChatEvent event) {
        try {
            String payload = mapper.writeValueAsString(event);
            return withType(event.conversationId().toString(), ChatEventHeaders.typeOf(payload), payload);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A chat.events record with this type header, whatever its payload. */
    public synchronized RecordMetadata withType(String key, String type, String payload) {
        ProducerRecord<String, String> record = new ProducerRecord<>(Topic.CHAT_EVENTS.topicName(), key, payload);
        record.headers().add(ChatEventHeaders.TYPE, type.getBytes(StandardCharsets.UTF_8));
        return sendRecord(record);
    }

    /** A payload as it is, however malformed, as a faulty or hostile producer could put it on a topic. */
    public void raw(Topic topic, String key, String payload) {
        sendValue(topic, key, payload);
    }

    private void send(Topic topic, String key, Object payload) {
        try {
            sendValue(topic, key, mapper.writeValueAsString(payload));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private synchronized void sendValue(Topic topic, String key, String value) {
        sendRecord(new ProducerRecord<>(topic.topicName(), key, value));
    }

    private synchronized RecordMetadata sendRecord(ProducerRecord<String, String> record) {
        if (producer == null) {
            Properties properties = new Properties();
            properties.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
            properties.put(ProducerConfig.ACKS_CONFIG, "all");
            properties.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
            producer = new KafkaProducer<>(properties, new StringSerializer(), new StringSerializer());
        }
        try {
            return producer.send(record).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            throw new IllegalStateException(e);
        }
    }

    @PreDestroy
    synchronized void close() {
        if (producer != null) {
            producer.close();
        }
    }
}
