package org.cscstats.stats.it;

import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.awaitility.Awaitility;
import org.cscstats.contract.CaseEvent;
import org.cscstats.contract.FinancialYear;
import org.cscstats.contract.Json;
import org.cscstats.contract.Topics;
import org.cscstats.infra.RealInfrastructure;
import org.cscstats.infra.TopicProbe;
import org.cscstats.stats.counting.Aggregates;
import org.cscstats.stats.counting.InMemoryEngine;

/** What the service stored, read back from PostgreSQL, and what a fresh count in memory gives, for comparison. */
final class StoredCounts {

    private StoredCounts() {
    }

    static void send(List<CaseEvent> events) throws Exception {
        List<ProducerRecord<String, String>> records = new ArrayList<>();
        for (CaseEvent e : events) {
            records.add(new ProducerRecord<>(Topics.CASE_EVENTS, e.kafkaKey(), Json.mapper().writeValueAsString(e)));
        }
        TopicProbe.send(RealInfrastructure.kafka().bootstrapServers(), records);
    }

    /** Waits until the service has committed counts for everything on the case-events topic now. */
    static void awaitAllCounted(Pool pool, Duration atMost) {
        Map<Integer, Long> end = endOffsets();
        Awaitility.await().atMost(atMost).pollInterval(Duration.ofMillis(250)).until(() -> {
            Map<Integer, Long> done = new HashMap<>();
            pool.preparedQuery("SELECT partition, next_offset FROM consumer_offset WHERE topic = $1")
                    .execute(Tuple.of(Topics.CASE_EVENTS)).await().atMost(Duration.ofSeconds(10))
                    .forEach(r -> done.put(r.getInteger("partition"), r.getLong("next_offset")));
            return end.entrySet().stream().allMatch(e -> done.getOrDefault(e.getKey(), 0L) >= e.getValue());
        });
    }

    /** The LA's non-zero cells in PostgreSQL: {@code measure|fy} → cell → value. */
    static Map<String, Map<String, Long>> stored(Pool pool, String la) {
        Map<String, Map<String, Long>> out = new TreeMap<>();
        for (Row r : pool.preparedQuery("SELECT measure, fy, cell, value FROM cube_cell WHERE la = $1 AND value <> 0")
                .execute(Tuple.of(la)).await().atMost(Duration.ofSeconds(10))) {
            out.computeIfAbsent(r.getString("measure") + "|" + r.getString("fy"), k -> new TreeMap<>())
                    .put(r.getString("cell"), r.getLong("value"));
        }
        return out;
    }

    /** A count from scratch, in memory, of the events against the year in progress. */
    static InMemoryEngine fresh(List<CaseEvent> events, FinancialYear year) {
        InMemoryEngine engine = new InMemoryEngine(year);
        events.forEach(engine::accept);
        return engine;
    }

    /** The same shape as {@link #stored}. */
    static Map<String, Map<String, Long>> expected(InMemoryEngine engine, String la) {
        Aggregates a = engine.aggregates();
        Map<String, Map<String, Long>> out = new TreeMap<>();
        a.cubes(la).forEach(c -> out.put(c.measure() + "|" + c.fy(), new TreeMap<>(a.cells(la, c))));
        return out;
    }

    private static Map<Integer, Long> endOffsets() {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, RealInfrastructure.kafka().bootstrapServers());
        p.put(ConsumerConfig.GROUP_ID_CONFIG, "ends-" + UUID.randomUUID());
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(p)) {
            List<TopicPartition> partitions = consumer.partitionsFor(Topics.CASE_EVENTS).stream()
                    .map(i -> new TopicPartition(Topics.CASE_EVENTS, i.partition())).toList();
            Map<Integer, Long> out = new HashMap<>();
            consumer.endOffsets(partitions).forEach((tp, o) -> out.put(tp.partition(), o));
            return out;
        }
    }
}
