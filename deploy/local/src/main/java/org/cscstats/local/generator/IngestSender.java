package org.cscstats.local.generator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;
import org.cscstats.contract.CaseEvent;
import org.cscstats.contract.Json;

/**
 * Sends events to a running ingest service: {@code POST {base}/v1/events} in NDJSON batches, a bounded number
 * in flight. A 503 (Kafka could not take the batch in time) or a broken connection is retried after
 * {@code Retry-After} with the same batch, which the event ids make safe; any other error stops the send.
 */
public final class IngestSender {
    public static final int DEFAULT_BATCH = 1000;
    public static final int DEFAULT_CONCURRENCY = 4;
    /** 503s per batch before giving up: the service says when to come back, so be patient. */
    private static final int MAX_BUSY_RETRIES = 20;
    /** Broken or refused connections per batch (1 + 2 + 4 + 8 + 16 s): long enough for a restart, no more. */
    private static final int MAX_IO_RETRIES = 5;
    private static final long DEFAULT_RETRY_MS = 1000;
    private static final long MAX_RETRY_MS = 60_000;
    private static final Duration PROGRESS_EVERY = Duration.ofSeconds(5);

    private final URI endpoint;
    private final String key;
    private final int concurrency;
    private final int batchSize;
    private final HttpClient client;
    private final ObjectMapper mapper = Json.mapper();

    public IngestSender(URI baseUrl, String key) {
        this(baseUrl, key, DEFAULT_CONCURRENCY, DEFAULT_BATCH);
    }

    public IngestSender(URI baseUrl, String key, int concurrency, int batchSize) {
        if (concurrency < 1 || batchSize < 1 || batchSize > 10_000) {
            throw new IllegalArgumentException("concurrency ≥ 1 and batch size 1..10,000 (the service's limit)");
        }
        String base = baseUrl.toString().replaceAll("/+$", "");
        this.endpoint = URI.create(base + "/v1/events");
        this.key = key;
        this.concurrency = concurrency;
        this.batchSize = batchSize;
        // HTTP/1.1: one connection per request in flight, no h2c upgrade dance with the service
        this.client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10)).build();
    }

    /** Sends every event; blocks until all are confirmed. */
    public SendReport send(Iterator<CaseEvent> events) {
        return send(events, r -> {
        });
    }

    /**
     * @param progress called from the sending thread about every 5 seconds
     * @throws IngestException when the service refuses a batch (or keeps failing), after in-flight batches end
     */
    public SendReport send(Iterator<CaseEvent> events, Consumer<SendReport> progress) {
        return sendBatches(batches(events, batchSize), progress);
    }

    /** One request's body, already NDJSON: lets a benchmark keep serialisation out of the timed send. */
    public record Batch(byte[] ndjson, int count) {
    }

    /** Groups events into NDJSON batches of {@code size}, lazily. */
    public static Iterator<Batch> batches(Iterator<CaseEvent> events, int size) {
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                return events.hasNext();
            }

            @Override
            public Batch next() {
                List<CaseEvent> batch = new ArrayList<>(size);
                while (events.hasNext() && batch.size() < size) {
                    batch.add(events.next());
                }
                if (batch.isEmpty()) {
                    throw new NoSuchElementException();
                }
                return new Batch(NdjsonWriter.toBytes(batch), batch.size());
            }
        };
    }

    /** Sends prepared batches, {@code concurrency} in flight; blocks until all are confirmed. */
    public SendReport sendBatches(Iterator<Batch> batches, Consumer<SendReport> progress) {
        Counters counters = new Counters(System.nanoTime());
        Semaphore slots = new Semaphore(concurrency);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        long nextProgress = System.nanoTime() + PROGRESS_EVERY.toNanos();
        try {
            while (batches.hasNext() && failure.get() == null) {
                Batch batch = batches.next();
                slots.acquire();
                post(batch.ndjson(), 0, counters).whenComplete((response, error) -> {
                    if (error != null) {
                        failure.compareAndSet(null, error instanceof CompletionException ? error.getCause() : error);
                    } else {
                        counters.confirmed(batch.count(), response);
                    }
                    slots.release();
                });
                if (System.nanoTime() > nextProgress) {
                    progress.accept(counters.report());
                    nextProgress = System.nanoTime() + PROGRESS_EVERY.toNanos();
                }
            }
            slots.acquire(concurrency); // every batch in flight has ended
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IngestException("interrupted", e);
        }
        Throwable t = failure.get();
        if (t != null) {
            throw t instanceof IngestException ie ? ie : new IngestException(t.toString(), t);
        }
        return counters.report();
    }

    private CompletableFuture<JsonNode> post(byte[] body, int attempt, Counters counters) {
        HttpRequest request = HttpRequest.newBuilder(endpoint)
                .timeout(Duration.ofMinutes(5))
                .header("Content-Type", "application/x-ndjson")
                .header("Authorization", "Bearer " + key)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build();
        return client.sendAsync(request, HttpResponse.BodyHandlers.ofString())
                .handle((response, error) -> {
                    if (error != null) {
                        Throwable cause = error instanceof CompletionException ? error.getCause() : error;
                        if (cause instanceof IOException && attempt < MAX_IO_RETRIES) {
                            return retry(body, attempt, counters, DEFAULT_RETRY_MS << attempt);
                        }
                        return CompletableFuture.<JsonNode>failedFuture(new IngestException(
                                "could not reach " + endpoint + ": " + cause, cause));
                    }
                    int status = response.statusCode();
                    if (status == 200 || status == 202) {
                        return CompletableFuture.completedFuture(parse(response.body()));
                    }
                    if (status == 503 && attempt < MAX_BUSY_RETRIES) {
                        return retry(body, attempt, counters, retryAfterMillis(response));
                    }
                    return CompletableFuture.<JsonNode>failedFuture(new IngestException(
                            "ingest answered " + status + ": " + abbreviate(response.body()), null));
                })
                .thenCompose(f -> f);
    }

    private CompletableFuture<JsonNode> retry(byte[] body, int attempt, Counters counters, long delayMs) {
        counters.retries.increment();
        return CompletableFuture.supplyAsync(() -> null,
                        CompletableFuture.delayedExecutor(Math.min(delayMs, MAX_RETRY_MS), TimeUnit.MILLISECONDS))
                .thenCompose(x -> post(body, attempt + 1, counters));
    }

    /** Retry-After in delta-seconds or as an HTTP date; a second when absent or unreadable. */
    static long retryAfterMillis(HttpResponse<?> response) {
        String value = response.headers().firstValue("Retry-After").orElse("").trim();
        if (value.isEmpty()) {
            return DEFAULT_RETRY_MS;
        }
        try {
            return Math.max(0, Long.parseLong(value) * 1000);
        } catch (NumberFormatException notSeconds) {
            try {
                ZonedDateTime at = ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME);
                return Math.max(0, Duration.between(ZonedDateTime.now(at.getZone()), at).toMillis());
            } catch (RuntimeException notDate) {
                return DEFAULT_RETRY_MS;
            }
        }
    }

    private JsonNode parse(String body) {
        try {
            return body == null || body.isBlank() ? null : mapper.readTree(body);
        } catch (IOException e) {
            return null; // counts are a courtesy: the status already says the batch is in
        }
    }

    private static String abbreviate(String s) {
        return s == null ? "" : s.length() <= 2000 ? s : s.substring(0, 2000) + "…";
    }

    /** Totals shared by the response threads. */
    private static final class Counters {
        final long started;
        final LongAdder events = new LongAdder();
        final LongAdder accepted = new LongAdder();
        final LongAdder duplicates = new LongAdder();
        final LongAdder batches = new LongAdder();
        final LongAdder retries = new LongAdder();

        Counters(long started) {
            this.started = started;
        }

        void confirmed(int count, JsonNode response) {
            events.add(count);
            batches.increment();
            if (response != null) {
                accepted.add(response.path("accepted").asLong(0));
                duplicates.add(response.path("duplicates").asLong(0));
            }
        }

        SendReport report() {
            return new SendReport(events.sum(), accepted.sum(), duplicates.sum(), batches.sum(), retries.sum(),
                    Duration.ofNanos(System.nanoTime() - started));
        }
    }

    /** The service refused a batch, or could not be reached after retries. */
    public static final class IngestException extends RuntimeException {
        public IngestException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
