package org.cscstats.bench;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.cscstats.infra.LocalKafka;

/**
 * The physical limit of this setup: the same events produced to a scratch topic on the same broker with the
 * ingest service's producer settings (acks=all, idempotent, lz4, 5 ms linger), then consumed back by one
 * consumer, one after the other, with no HTTP, validation, pseudonyms, counting or PostgreSQL in between.
 */
final class RawKafkaRate {
    static final String TOPIC = "bench-raw";

    record Result(long events, double produceSeconds, double consumeSeconds) {
        double eventsPerSecond() {
            return events / (produceSeconds + consumeSeconds);
        }
    }

    private RawKafkaRate() {
    }

    static Result measure(LocalKafka kafka, PreparedLoad load) {
        kafka.createTopics(Map.of(TOPIC, new LocalKafka.TopicSpec(8, false)));
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        p.put(ProducerConfig.LINGER_MS_CONFIG, "5");
        p.put(ProducerConfig.BATCH_SIZE_CONFIG, Integer.toString(256 * 1024));
        p.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        long started = System.nanoTime();
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer())) {
            for (int i = 0; i < load.batches().size(); i++) {
                String[] keys = load.keys().get(i);
                List<byte[]> lines = load.lines(i);
                for (int j = 0; j < keys.length; j++) {
                    producer.send(new ProducerRecord<>(TOPIC, keys[j], lines.get(j)));
                }
            }
            producer.flush();
        }
        double produce = (System.nanoTime() - started) / 1e9;

        Properties c = new Properties();
        c.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        c.put(ConsumerConfig.GROUP_ID_CONFIG, "bench-raw-" + UUID.randomUUID());
        c.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        c.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "5000");
        c.put(ConsumerConfig.FETCH_MAX_BYTES_CONFIG, Integer.toString(50 * 1024 * 1024));
        started = System.nanoTime();
        long seen = 0;
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(c, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(TOPIC));
            long deadline = System.nanoTime() + Duration.ofMinutes(30).toNanos();
            while (seen < load.events() && System.nanoTime() < deadline) {
                ConsumerRecords<byte[], byte[]> records = consumer.poll(Duration.ofMillis(500));
                seen += records.count();
            }
        }
        if (seen < load.events()) {
            throw new IllegalStateException("raw consumer read " + seen + " of " + load.events() + " events");
        }
        return new Result(load.events(), produce, (System.nanoTime() - started) / 1e9);
    }
}
