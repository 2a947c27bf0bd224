package io.chatsuite.kit.revocation;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.chatsuite.contracts.user.SessionRevoked;
import io.chatsuite.contracts.user.UserEvent;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.common.annotation.Identifier;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.jboss.logging.Logger;

/**
 * Feeds {@link RevokedSessions} from {@code user.events}. Every instance must see every revocation, so it reads every
 * partition itself (manual assignment, no consumer group, nothing committed). At start it seeks each partition to the
 * first record of the last token lifetime and counts as replayed once it has read up to the end offsets it saw then;
 * until that moment readiness is DOWN, so no request or upgrade reaches an instance that could miss a revocation.
 * The consumer runs on a thread of its own: polling blocks, and no event loop may wait for it.
 */
@ApplicationScoped
public class SessionRevocationFeed {

    private static final Logger LOG = Logger.getLogger(SessionRevocationFeed.class);
    private static final Duration RETRY = Duration.ofSeconds(1);

    private final RevokedSessions revoked;
    private final SessionRevocationConfig config;
    private final Map<String, Object> kafkaConfig;
    private final ObjectMapper json;
    private final Clock clock;
    private final Event<Consumer<String, String>> created;
    private volatile KafkaConsumer<String, String> consumer;
    private volatile boolean running;
    private volatile boolean replayed;
    private volatile Instant replayFrom;
    private Thread thread;

    public SessionRevocationFeed(RevokedSessions revoked, SessionRevocationConfig config,
                                 @Identifier("default-kafka-broker") Map<String, Object> kafkaConfig,
                                 ObjectMapper json, Clock clock, Event<Consumer<String, String>> created) {
        this.revoked = revoked;
        this.config = config;
        this.kafkaConfig = kafkaConfig;
        this.json = json;
        this.clock = clock;
        this.created = created;
    }

    void start(@Observes StartupEvent event) {
        running = true;
        thread = new Thread(this::run, "session-revocation-feed");
        thread.setDaemon(true);
        thread.start();
    }

    void stop(@Observes ShutdownEvent event) {
        running = false;
        KafkaConsumer<String, String> current = consumer;
        if (current != null) {
            current.wakeup();
        }
    }

    /** True once every revocation published before this instance started has been read. */
    public boolean replayed() {
        return replayed;
    }

    /** Where the replay started (null before the consumer is positioned). */
    public Instant replayFrom() {
        return replayFrom;
    }

    private void run() {
        while (running) {
            try (KafkaConsumer<String, String> opened = new KafkaConsumer<>(consumerConfig(),
                    new StringDeserializer(), new StringDeserializer())) {
                consumer = opened;
                // Announced like the messaging consumers, so the metrics binder reports this one's lag too.
                created.fire(opened);
                Map<TopicPartition, Long> replayEnd = position(opened);
                while (running) {
                    opened.poll(config.pollTimeout()).forEach(this::apply);
                    if (!replayed && reached(opened, replayEnd)) {
                        replayed = true;
                        LOG.infof("session revocations since %s replayed", replayFrom);
                    }
                    revoked.forgetExpired();
                }
            } catch (WakeupException e) {
                return;
            } catch (RuntimeException e) {
                // A consumer that failed is opened again from the same point in time; nothing revoked is skipped.
                LOG.warnf("reading session revocations failed, opening the consumer again: %s", e.toString());
                pause();
            } finally {
                consumer = null;
            }
        }
    }

    /** Assigns every partition, seeks to the start of the last token lifetime, and answers the end offsets now. */
    private Map<TopicPartition, Long> position(KafkaConsumer<String, String> opened) {
        List<TopicPartition> partitions = List.of();
        while (running && partitions.isEmpty()) {
            List<PartitionInfo> found = opened.partitionsFor(config.topic());
            partitions = found == null ? List.of()
                    : found.stream().map(info -> new TopicPartition(info.topic(), info.partition())).toList();
            if (partitions.isEmpty()) {
                LOG.warnf("topic %s has no partitions yet; session revocations wait for it", config.topic());
                pause();
            }
        }
        opened.assign(partitions);
        Instant from = clock.instant().minus(config.tokenLifetime()).minus(config.clockSkew());
        Map<TopicPartition, OffsetAndTimestamp> offsets = opened.offsetsForTimes(partitions.stream()
                .collect(Collectors.toMap(Function.identity(), partition -> from.toEpochMilli())));
        Map<TopicPartition, Long> end = opened.endOffsets(partitions);
        for (TopicPartition partition : partitions) {
            OffsetAndTimestamp offset = offsets.get(partition);
            // No record that recent: nothing to replay here, read what comes next.
            opened.seek(partition, offset == null ? end.get(partition) : offset.offset());
        }
        replayFrom = from;
        return end;
    }

    private boolean reached(KafkaConsumer<String, String> opened, Map<TopicPartition, Long> end) {
        return end.entrySet().stream().allMatch(entry -> opened.position(entry.getKey()) >= entry.getValue());
    }

    private void apply(ConsumerRecord<String, String> record) {
        if (record.value() == null) {
            return;
        }
        try {
            if (json.readValue(record.value(), UserEvent.class) instanceof SessionRevoked revocation
                    && revocation.sessionId() != null && revocation.occurredAt() != null) {
                revoked.revoke(revocation);
            }
        } catch (JsonProcessingException e) {
            // Only revocations matter here; an unreadable record is the user-event consumers' to dead-letter.
            LOG.warnf("skipping an unreadable user event at %s-%d@%d: %s", record.topic(), record.partition(),
                    record.offset(), e.getOriginalMessage());
        }
    }

    private Map<String, Object> consumerConfig() {
        Map<String, Object> settings = new HashMap<>(kafkaConfig);
        settings.remove(ConsumerConfig.GROUP_ID_CONFIG);
        settings.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        settings.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        settings.put(ConsumerConfig.CLIENT_ID_CONFIG, "session-revocations-" + UUID.randomUUID());
        return settings;
    }

    private void pause() {
        try {
            Thread.sleep(RETRY.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }
}
