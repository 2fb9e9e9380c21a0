package org.cscstats.ingest.service;

import io.smallrye.config.ConfigMapping;
import java.time.Duration;

/**
 * The Kafka producer settings of {@link EventPublisher}, from {@code ingest.kafka.producer.*} in
 * application.properties. The producer's own timeouts are not among them: they follow {@code ingest.publish-timeout},
 * the bound a request waits for Kafka.
 */
@ConfigMapping(prefix = "ingest.kafka.producer")
public interface ProducerSettings {
    /** Kafka's {@code acks}. */
    String acks();

    /** Kafka's {@code enable.idempotence}. */
    boolean idempotence();

    /** Kafka's {@code linger.ms}. */
    Duration linger();

    /** Kafka's {@code batch.size}, in bytes. */
    int batchSize();

    /** Kafka's {@code compression.type}. */
    String compression();
}
