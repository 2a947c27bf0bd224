package io.chatsuite.presence.listener;

import io.chatsuite.presence.repository.VisibilityGraph;
import io.quarkus.redis.datasource.RedisDataSource;
import io.smallrye.common.annotation.Identifier;
import io.smallrye.reactive.messaging.kafka.KafkaConsumerRebalanceListener;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.TopicPartition;
import org.jboss.logging.Logger;

/**
 * Places the visibility graph's consumers where the graph in Redis stands: each assigned partition resumes after the
 * last record the graph holds, or from the topic's start when Redis holds nothing for it (a new deployment, or a
 * Redis that lost its data), so the graph is always rebuilt whole.
 */
@ApplicationScoped
@Identifier("presence-graph-position")
public class GraphPosition implements KafkaConsumerRebalanceListener {

    private static final Logger LOG = Logger.getLogger(GraphPosition.class);

    private final RedisDataSource redis;

    public GraphPosition(RedisDataSource redis) {
        this.redis = redis;
    }

    @Override
    public void onPartitionsAssigned(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
        // Called on the consumer's polling thread, never an event loop: a blocking read is fine here.
        Map<String, String> positions = redis.hash(String.class).hgetall(VisibilityGraph.OFFSETS);
        for (TopicPartition partition : partitions) {
            String next = positions.get(VisibilityGraph.positionField(partition.topic(), partition.partition()));
            if (next == null) {
                LOG.infof("%s: no graph position in Redis, reading from the start", partition);
                consumer.seekToBeginning(List.of(partition));
            } else {
                consumer.seek(partition, Long.parseLong(next));
            }
        }
    }
}
