package org.cscstats.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Dashboards polling the public API at a fixed rate, as the web page does: each URL with the ETag it last saw
 * (If-None-Match), so most answers are 304 and a new release is a 200. Records every latency and every answer
 * that is neither 200 nor 304.
 */
final class DashboardPoller implements AutoCloseable {
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .executor(Executors.newFixedThreadPool(4, daemon())).build();
    private final List<String> urls;
    private final Map<String, String> etags = new ConcurrentHashMap<>();
    private final Latencies latencies = new Latencies();
    private final AtomicLong ok = new AtomicLong();
    private final AtomicLong notModified = new AtomicLong();
    private final AtomicLong errors = new AtomicLong();
    private final Map<Integer, Long> errorStatuses = new ConcurrentHashMap<>();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(daemon());
    private final AtomicLong sent = new AtomicLong();

    /** Daemon threads: a failed run must not hang on its pollers. */
    static ThreadFactory daemon() {
        return r -> {
            Thread t = new Thread(r, "dashboard-poller");
            t.setDaemon(true);
            return t;
        };
    }

    DashboardPoller(List<String> urls) {
        this.urls = List.copyOf(urls);
    }

    /** Starts polling at {@code perSecond} requests a second, round-robin over the URLs. */
    DashboardPoller start(int perSecond) {
        long periodMicros = 1_000_000L / Math.max(1, perSecond);
        timer.scheduleAtFixedRate(this::pollOne, 0, periodMicros, TimeUnit.MICROSECONDS);
        return this;
    }

    private void pollOne() {
        String url = urls.get((int) (sent.getAndIncrement() % urls.size()));
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10));
        String etag = etags.get(url);
        if (etag != null) {
            b.header("If-None-Match", etag);
        }
        long started = System.nanoTime();
        http.sendAsync(b.build(), HttpResponse.BodyHandlers.ofByteArray()).whenComplete((r, e) -> {
            latencies.add((System.nanoTime() - started) / 1e6);
            if (e != null) {
                errors.incrementAndGet();
                errorStatuses.merge(-1, 1L, Long::sum);
            } else if (r.statusCode() == 304) {
                notModified.incrementAndGet();
            } else if (r.statusCode() == 200) {
                ok.incrementAndGet();
                r.headers().firstValue("ETag").ifPresent(t -> etags.put(url, t));
            } else {
                errors.incrementAndGet();
                errorStatuses.merge(r.statusCode(), 1L, Long::sum);
            }
        });
    }

    Latencies latencies() {
        return latencies;
    }

    long ok() {
        return ok.get();
    }

    long notModified() {
        return notModified.get();
    }

    long errors() {
        return errors.get();
    }

    /** Error answers by status (-1: no answer at all). */
    Map<Integer, Long> errorStatuses() {
        return Map.copyOf(errorStatuses);
    }

    @Override
    public void close() {
        timer.shutdownNow();
        try {
            timer.awaitTermination(5, TimeUnit.SECONDS);
            Thread.sleep(500); // let the last answers land
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
