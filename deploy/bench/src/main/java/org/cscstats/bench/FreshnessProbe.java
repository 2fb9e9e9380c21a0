package org.cscstats.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.cscstats.contract.Cube;
import org.cscstats.contract.FinancialYear;
import org.cscstats.contract.Json;
import org.cscstats.contract.Measure;
import org.cscstats.contract.Topics;

/**
 * Freshness, measured with marker events: one referral at a time for a new child of a marker LA, dated today,
 * POSTed to ingest while the load runs; its latency is the time from the POST until the stats service publishes
 * the marker LA's referral cube with the marker counted (the cube record's Kafka timestamp). Starting at the POST
 * includes ingest's own time, so this is an upper bound of the Kafka-to-cube time the issue asks for. One marker
 * is in flight at a time, so each count identifies its marker without doubt.
 */
final class FreshnessProbe implements AutoCloseable {
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    private final String ingestUrl;
    private final String ingestKey;
    private final String la;
    private final String run = UUID.randomUUID().toString().substring(0, 8);
    private final LocalDate day = LocalDate.now();
    private final String cubeKey;
    private final KafkaConsumer<String, String> cubes;
    private final Latencies latencies = new Latencies();
    private long sent;
    private long lastTotal;
    private int missed;

    FreshnessProbe(String bootstrap, String ingestUrl, String ingestKey, String la) {
        this.ingestUrl = ingestUrl;
        this.ingestKey = ingestKey;
        this.la = la;
        this.cubeKey = Cube.key(la, Measure.REFERRALS.id(), FinancialYear.of(day).label());
        Properties c = new Properties();
        c.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        c.put(ConsumerConfig.GROUP_ID_CONFIG, "bench-freshness-" + run);
        c.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest");
        cubes = new KafkaConsumer<>(c, new StringDeserializer(), new StringDeserializer());
        cubes.subscribe(List.of(Topics.CUBES));
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (cubes.assignment().isEmpty() && System.nanoTime() < deadline) {
            cubes.poll(Duration.ofMillis(100));
        }
        cubes.seekToEnd(cubes.assignment());
        cubes.assignment().forEach(cubes::position); // resolve "latest" now, before the first marker is sent
    }

    /**
     * Sends markers one after another, at most one per {@code interval}, until {@code until} (System.nanoTime);
     * a marker not seen within {@code timeout} counts as missed and the next one starts.
     */
    void run(long until, Duration interval, Duration timeout) throws Exception {
        while (System.nanoTime() < until) {
            long next = System.nanoTime() + interval.toNanos();
            measureOne(timeout);
            long wait = next - System.nanoTime();
            if (wait > 0) {
                Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
            }
        }
    }

    /** Sends one marker and waits for its cube; returns whether it was seen in time. */
    boolean measureOne(Duration timeout) throws Exception {
        long k = ++sent;
        long postedAtMs = System.currentTimeMillis();
        String body = String.format("{\"id\":\"marker-%s-%d\",\"type\":\"referral\",\"la\":\"%s\",\"childId\":\"marker-%s-%d\","
                + "\"referralId\":\"marker-%s-%d-r\",\"date\":\"%s\",\"referralSource\":\"2A\","
                + "\"child\":{\"birthDate\":\"2015-06-01\",\"sex\":\"F\",\"ethnicity\":\"WBRI\"}}",
                run, k, la, run, k, run, k, day);
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(ingestUrl + "/v1/events"))
                .header("Content-Type", "application/json").header("Authorization", "Bearer " + ingestKey)
                .timeout(Duration.ofSeconds(60)).POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 202) {
            throw new IllegalStateException("marker refused: " + r.statusCode() + " " + r.body());
        }
        long publishedAtMs = awaitTotal(k, System.nanoTime() + timeout.toNanos(), Duration.ofMillis(50));
        if (publishedAtMs < 0) {
            missed++;
            return false;
        }
        latencies.add(Math.max(0, publishedAtMs - postedAtMs));
        return true;
    }

    /**
     * Reads the cube topic until the marker cube's total reaches {@code atLeast} or the deadline passes; returns
     * the Kafka timestamp of the record that reached it, or -1.
     */
    private long awaitTotal(long atLeast, long deadlineNanos, Duration poll) throws Exception {
        while (lastTotal < atLeast && System.nanoTime() < deadlineNanos) {
            for (ConsumerRecord<String, String> rec : cubes.poll(poll)) {
                if (cubeKey.equals(rec.key()) && rec.value() != null) {
                    lastTotal = Math.max(lastTotal, Json.mapper().readValue(rec.value(), Cube.class).total());
                    if (lastTotal >= atLeast) {
                        return rec.timestamp();
                    }
                }
            }
        }
        return -1;
    }

    Latencies latencies() {
        return latencies;
    }

    long sent() {
        return sent;
    }

    /** The highest marker count seen on the cube: equals {@link #sent()} once everything is counted. */
    long counted() {
        return lastTotal;
    }

    int missed() {
        return missed;
    }

    /** Reads the cube topic until the marker cube shows every marker (or the timeout): the zero-loss check. */
    long awaitAllCounted(Duration timeout) throws Exception {
        awaitTotal(sent, System.nanoTime() + timeout.toNanos(), Duration.ofMillis(200));
        return lastTotal;
    }

    @Override
    public void close() {
        cubes.close();
    }
}
