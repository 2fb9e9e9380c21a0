package org.cscstats.ingest.service;

import io.quarkus.runtime.ShutdownEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Publishes keyed records and returns only once Kafka has acknowledged every one of them (acks=all, idempotent
 * producer). If that does not happen within the bound, the caller gets {@link KafkaUnavailableException} and
 * must not report the events as accepted.
 * A plain KafkaProducer rather than a SmallRye channel (as the stats service uses): a request waits, within one
 * deadline, for the acknowledgement of every event of its batch before it answers 202.
 */
@ApplicationScoped
public class EventPublisher {
    private final KafkaProducer<String, String> producer;
    private final String topic;
    private final Duration timeout;

    public EventPublisher(@ConfigProperty(name = "kafka.bootstrap.servers") String bootstrap,
                          @ConfigProperty(name = "ingest.topic") String topic,
                          @ConfigProperty(name = "ingest.publish-timeout") Duration timeout,
                          ProducerSettings settings) {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ProducerConfig.ACKS_CONFIG, settings.acks());
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, Boolean.toString(settings.idempotence()));
        props.put(ProducerConfig.LINGER_MS_CONFIG, Long.toString(settings.linger().toMillis()));
        props.put(ProducerConfig.BATCH_SIZE_CONFIG, Integer.toString(settings.batchSize()));
        props.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, settings.compression());
        // the producer's own bounds follow the request's: never blocked, nor retrying, past ingest.publish-timeout
        props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, Long.toString(timeout.toMillis()));
        props.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, Long.toString(Math.max(1000, timeout.toMillis() / 2)));
        props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, Long.toString(timeout.toMillis() + 1000));
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        this.producer = new KafkaProducer<>(props);
        this.topic = topic;
        this.timeout = timeout;
    }

    /** A record to publish: the key keeps one child's events in order on one partition. */
    public record Outgoing(String key, String value) {
    }

    public void publishAll(List<Outgoing> records) throws KafkaUnavailableException {
        long deadline = System.nanoTime() + timeout.toNanos();
        List<Future<RecordMetadata>> acks = new ArrayList<>(records.size());
        try {
            for (Outgoing r : records) {
                acks.add(producer.send(new ProducerRecord<>(topic, r.key(), r.value())));
            }
            producer.flush();
            for (Future<RecordMetadata> ack : acks) {
                long left = deadline - System.nanoTime();
                ack.get(Math.max(left, 0), TimeUnit.NANOSECONDS);
            }
        } catch (TimeoutException e) {
            throw new KafkaUnavailableException("Kafka did not acknowledge the events within " + timeout.toSeconds() + " s");
        } catch (ExecutionException e) {
            throw new KafkaUnavailableException("Kafka refused the events: " + e.getCause().getMessage());
        } catch (KafkaException e) {
            throw new KafkaUnavailableException("Kafka is unavailable: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KafkaUnavailableException("interrupted while waiting for Kafka");
        }
    }

    void close(@Observes ShutdownEvent event) {
        producer.close(Duration.ofSeconds(5));
    }
}
