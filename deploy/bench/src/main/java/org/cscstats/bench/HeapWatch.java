package org.cscstats.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.cscstats.local.ServiceProcess;

/**
 * Heap in use of each service, read from its {@code /q/metrics} every few seconds. The lowest reading in a stretch
 * of time is close to the live data after a collection; comparing the first and last third of a run shows whether
 * memory stays flat (a leak makes the floor rise).
 */
final class HeapWatch implements AutoCloseable {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final Map<String, String> metricsUrls = new LinkedHashMap<>();
    private final Map<String, List<Long>> samples = new LinkedHashMap<>();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(DashboardPoller.daemon());

    HeapWatch(List<ServiceProcess> services, Duration every) {
        services.forEach(s -> {
            metricsUrls.put(s.name(), s.managementUrl() + "/q/metrics");
            samples.put(s.name(), new ArrayList<>());
        });
        timer.scheduleAtFixedRate(this::sample, 0, every.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void sample() {
        metricsUrls.forEach((name, url) -> {
            long heap = heapUsed(url);
            if (heap > 0) {
                synchronized (samples) {
                    samples.get(name).add(heap);
                }
            }
        });
    }

    static long heapUsed(String metricsUrl) {
        try {
            String body = HTTP.send(HttpRequest.newBuilder(URI.create(metricsUrl)).timeout(Duration.ofSeconds(5)).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            double sum = 0;
            for (String line : body.split("\n")) {
                if (line.startsWith("jvm_memory_used_bytes{") && line.contains("area=\"heap\"")) {
                    sum += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
                }
            }
            return (long) sum;
        } catch (Exception e) {
            return 0;
        }
    }

    /** Per service: the floor (lowest reading) of the first third and of the last third of the run. */
    record Floor(long first, long last, int samples) {
        /** Flat: the floor has not grown by more than half, or 64 MB, whichever is larger. */
        boolean flat() {
            return last <= first + Math.max(first / 2, 64L << 20);
        }
    }

    Map<String, Floor> floors() {
        Map<String, Floor> out = new LinkedHashMap<>();
        synchronized (samples) {
            samples.forEach((name, s) -> {
                int third = Math.max(1, s.size() / 3);
                long first = s.subList(0, Math.min(third, s.size())).stream().mapToLong(Long::longValue).min().orElse(0);
                long last = s.subList(Math.max(0, s.size() - third), s.size()).stream().mapToLong(Long::longValue).min().orElse(0);
                out.put(name, new Floor(first, last, s.size()));
            });
        }
        return out;
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
