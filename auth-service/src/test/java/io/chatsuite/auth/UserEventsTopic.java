package io.chatsuite.auth;

import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.chatsuite.contracts.Topic;
import io.chatsuite.contracts.user.UserEvent;
import io.quarkus.arc.Arc;
import io.smallrye.reactive.messaging.kafka.companion.ConsumerTask;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetResetStrategy;
import org.eclipse.microprofile.config.ConfigProvider;

/** Reads user.events from the real broker, from the beginning, for the whole test JVM. */
public final class UserEventsTopic {

    private static ConsumerTask<String, String> records;

    private UserEventsTopic() {
    }

    /** Waits until a record keyed by the user holds an event of the type that matches, and returns it. */
    public static <T extends UserEvent> T awaitEvent(UUID userId, Class<T> type, Predicate<T> matching) {
        return await().atMost(Duration.ofSeconds(20)).until(
                () -> eventsOf(userId).stream().filter(type::isInstance).map(type::cast).filter(matching)
                        .findFirst().orElse(null),
                found -> found != null);
    }

    /** Every event keyed by the user received so far, in order. */
    public static List<UserEvent> eventsOf(UUID userId) {
        return recordsOf(userId).stream().map(record -> parse(record.value())).toList();
    }

    /** Every record keyed by the user received so far, in order. */
    public static List<ConsumerRecord<String, String>> recordsOf(UUID userId) {
        return consumer().getRecords().stream().filter(record -> userId.toString().equals(record.key())).toList();
    }

    private static synchronized ConsumerTask<String, String> consumer() {
        if (records == null) {
            String bootstrap = ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class);
            records = new KafkaCompanion(bootstrap).consumeStrings()
                    .withGroupId("auth-service-tests-" + UUID.randomUUID())
                    .withOffsetReset(OffsetResetStrategy.EARLIEST)
                    .fromTopics(Topic.USER_EVENTS.topicName());
        }
        return records;
    }

    private static UserEvent parse(String json) {
        try {
            return Arc.container().instance(ObjectMapper.class).get().readValue(json, UserEvent.class);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
