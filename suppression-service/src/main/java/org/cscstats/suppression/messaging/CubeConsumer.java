package org.cscstats.suppression.messaging;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.mutiny.Uni;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.cscstats.contract.Cube;
import org.cscstats.contract.Json;
import org.cscstats.suppression.repository.CubeStore;
import org.cscstats.suppression.repository.StoreUnavailableException;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/** Materialises the compacted cube topic: the newest version of each cube wins, tombstones remove it. */
@ApplicationScoped
public class CubeConsumer {
    private static final Logger LOG = Logger.getLogger(CubeConsumer.class);
    private static final ObjectMapper JSON = Json.mapper();
    private final CubeStore store;
    private final AtomicLong storeRetries = new AtomicLong();

    public CubeConsumer(CubeStore store) {
        this.store = store;
    }

    @Incoming("cubes")
    public Uni<Void> consume(ConsumerRecords<String, String> batch) {
        Map<String, Cube> latest = new LinkedHashMap<>();
        List<String> removed = new ArrayList<>();
        for (ConsumerRecord<String, String> record : batch) {
            if (record.value() == null) {
                removed.add(record.key());
                latest.remove(record.key());
                continue;
            }
            try {
                Cube cube = JSON.readValue(record.value(), Cube.class);
                latest.merge(cube.key(), cube, (a, b) -> a.version() >= b.version() ? a : b);
                removed.remove(cube.key());
            } catch (Exception e) {
                // a cube we cannot read is skipped, never half-applied; the next version replaces it
                LOG.warnf("unreadable cube at %s-%d@%d skipped", record.topic(), record.partition(), record.offset());
            }
        }
        // While PostgreSQL is away the batch is retried, not failed: a failed batch would stop the channel for good
        // (and commit nothing past it). The partition waits; Kafka keeps what arrives meanwhile.
        return Uni.createFrom().deferred(() -> apply(latest, removed))
                .onFailure(StoreUnavailableException.class).invoke(e -> {
                    storeRetries.incrementAndGet();
                    LOG.warnf("cubes not stored, retrying: %s", e.getMessage());
                })
                .onFailure(StoreUnavailableException.class).retry().withBackOff(RETRY_FIRST, RETRY_MAX).indefinitely();
    }

    /** Batches that met an unavailable store and were tried again, since start (tests wait for the retry). */
    public long storeRetries() {
        return storeRetries.get();
    }

    private static final Duration RETRY_FIRST = Duration.ofMillis(500);
    private static final Duration RETRY_MAX = Duration.ofSeconds(5);

    private Uni<Void> apply(Map<String, Cube> latest, List<String> removed) {
        Uni<Void> deletes = Uni.createFrom().voidItem();
        for (String key : removed) {
            String[] parts = key.split("\\|", 3);
            if (parts.length == 3) {
                deletes = deletes.chain(() -> store.delete(parts[0], parts[1], parts[2]));
            }
        }
        return deletes.chain(() -> store.upsert(latest.values()));
    }
}
