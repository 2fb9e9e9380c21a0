package org.cscstats.stats.messaging;

import io.smallrye.common.annotation.Identifier;
import io.smallrye.reactive.messaging.kafka.KafkaConsumerRebalanceListener;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.TopicPartition;
import org.cscstats.stats.repository.OffsetRepository;
import org.jboss.logging.Logger;

/** On partition assignment, resumes from the position committed with the counts in PostgreSQL. */
@ApplicationScoped
@Identifier("stats.offsets")
public class StoredOffsets implements KafkaConsumerRebalanceListener {
    private static final Logger LOG = Logger.getLogger(StoredOffsets.class);
    private final OffsetRepository offsets;

    public StoredOffsets(OffsetRepository offsets) {
        this.offsets = offsets;
    }

    @Override
    public void onPartitionsAssigned(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
        for (TopicPartition tp : partitions) {
            Map<Integer, Long> stored = offsets.load(tp.topic());
            Long next = stored.get(tp.partition());
            if (next != null) {
                consumer.seek(tp, next);
            } else {
                consumer.seekToBeginning(List.of(tp));
            }
            LOG.infof("partition %s resumes at %s", tp, next == null ? "the beginning" : next);
        }
    }
}
