package io.chatsuite.presence.testing;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.chatsuite.contracts.Topic;
import io.chatsuite.contracts.chat.ChatEvent;
import io.chatsuite.contracts.presence.PresenceSignal;
import io.chatsuite.contracts.user.UserEvent;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
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
        if (producer == null) {
            Properties properties = new Properties();
            properties.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
            properties.put(ProducerConfig.ACKS_CONFIG, "all");
            properties.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
            producer = new KafkaProducer<>(properties, new StringSerializer(), new StringSerializer());
        }
        try {
            producer.send(new ProducerRecord<>(topic.topicName(), key, value)).get();
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
