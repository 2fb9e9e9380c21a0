package org.cscstats.local;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * The local run: starts Kafka, PostgreSQL and the three services, loads the demo data through the real ingest
 * API on first start, makes a release, prints where to look, and stops everything on Ctrl-C.
 * Usage: {@code LocalRun [--data DIR] [--fresh] [--no-demo]}.
 */
public final class LocalRun {
    private LocalRun() {
    }

    public static void main(String[] args) throws Exception {
        Path data = Path.of(".local-data");
        boolean fresh = false;
        boolean demo = true;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--data" -> data = Path.of(args[++i]);
                case "--fresh" -> fresh = true;
                case "--no-demo" -> demo = false;
                default -> {
                    System.err.println("usage: LocalRun [--data DIR] [--fresh] [--no-demo]");
                    System.exit(2);
                }
            }
        }
        Path root = LocalSystem.projectRoot();
        data = root.resolve(data).toAbsolutePath().normalize();
        if (fresh) {
            deleteRecursively(data);
        }
        boolean firstStart = !Files.exists(data.resolve("demo-loaded"));
        long started = System.nanoTime();
        System.out.println("Starting Kafka, PostgreSQL and the three services (data in " + data + ") ...");
        LocalSystem system = LocalSystem.start(root, data, LocalSystem.Ports.DEFAULT, Map.of());
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.out.println("\nStopping every process this run started ...");
            system.close();
            stopped.countDown();
        }, "local-run-shutdown"));
        System.out.printf("All three services ready in %d s.%n", (System.nanoTime() - started) / 1_000_000_000);

        if (demo && firstStart) {
            DemoData.load(system, data);
            System.out.println("Waiting until every event is counted and handed on ...");
            system.awaitCounted(Duration.ofMinutes(5));
            Files.writeString(data.resolve("demo-loaded"), "yes\n");
        }
        String release = makeRelease(system, DemoData.LA);
        printWhereToLook(system, release, data);
        stopped.await();
    }

    /** Makes a release of an LA through the operator API; retries while the last cubes are still arriving. */
    public static String makeRelease(LocalSystem system, String la) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        HttpRequest request = HttpRequest.newBuilder(URI.create(system.suppression().url() + "/v1/las/" + la + "/releases"))
                .header("Authorization", "Bearer " + LocalSystem.OPERATOR_KEY)
                .timeout(Duration.ofSeconds(120))
                .POST(HttpRequest.BodyPublishers.noBody()).build();
        for (int attempt = 0; attempt < 60; attempt++) {
            HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() == 201) {
                return r.body().replaceAll(".*\"id\":\"([^\"]+)\".*", "$1");
            }
            Thread.sleep(1000);
        }
        return "(none yet: POST /v1/las/" + la + "/releases with the operator key)";
    }

    private static void printWhereToLook(LocalSystem system, String release, Path data) {
        String s = system.suppression().url();
        List<String> lines = List.of(
                "",
                "  Dashboard           " + s + "/",
                "  Public API          " + s + "/v1/las   (latest release of LA " + DemoData.LA + ": " + release + ")",
                "  A table             " + s + "/v1/las/" + DemoData.LA + "/tables/referrals-by-ethnicity",
                "  Ingest API          " + system.ingest().url() + "/v1/events   (Authorization: Bearer " + LocalSystem.INGEST_KEY + ")",
                "  Operator API        POST " + s + "/v1/las/{la}/releases   (Authorization: Bearer " + LocalSystem.OPERATOR_KEY + ")",
                "  Metrics             " + system.suppression().managementUrl() + "/q/metrics  " + system.ingest().managementUrl()
                        + "/q/metrics  " + system.stats().managementUrl() + "/q/metrics   (management ports)",
                "  Health              " + system.suppression().managementUrl() + "/q/health/ready  (and the same on every management port)",
                "  OpenAPI             " + s + "/q/openapi  " + system.ingest().url() + "/q/openapi",
                "  Kafka               " + system.kafka().bootstrapServers(),
                "  PostgreSQL          " + system.postgres().jdbcUrl("suppression") + " (user postgres / postgres)",
                "  Logs and data       " + data,
                "",
                "Press Ctrl-C to stop everything.");
        lines.forEach(System.out::println);
    }

    static void deleteRecursively(Path dir) throws java.io.IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (var paths = Files.walk(dir)) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
