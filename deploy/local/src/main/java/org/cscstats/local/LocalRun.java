package org.cscstats.local;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * The local run: starts Kafka, PostgreSQL and the three services, loads the demo data through the real ingest
 * API on first start, makes a release, prints where to look, keeps the services up (restarting one that exits),
 * and stops everything on Ctrl-C or SIGTERM. A start-up that fails stops what it had started and says in one line
 * what failed and where its log is.
 * Usage: {@code LocalRun [--data DIR] [--fresh] [--no-demo]}.
 */
public final class LocalRun {
    /** Kept by --fresh: run-local.sh holds its lock on this file for the whole run. */
    static final String RUN_LOCK = "run.lock";
    private final Path data;
    private volatile LocalSystem system;
    private volatile ServiceSupervisor supervisor;
    private volatile boolean ownsData;

    private LocalRun(Path data) {
        this.data = data;
    }

    public static void main(String[] args) {
        Path data = Path.of(".local-data");
        boolean fresh = false;
        boolean demo = true;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--data" -> {
                    if (i + 1 == args.length) {
                        usage();
                    }
                    data = Path.of(args[++i]);
                }
                case "--fresh" -> fresh = true;
                case "--no-demo" -> demo = false;
                default -> usage();
            }
        }
        LocalRun run = new LocalRun(LocalSystem.projectRoot().resolve(data).toAbsolutePath().normalize());
        Runtime.getRuntime().addShutdownHook(new Thread(run::stop, "local-run-shutdown"));
        try {
            run.run(fresh, demo);
        } catch (Throwable e) {
            System.out.flush();
            System.err.println("Start-up failed: " + oneLine(e)
                    + (run.ownsData ? " (every process this run started is being stopped)" : ""));
            System.exit(1);
        }
    }

    private static void usage() {
        System.err.println("usage: ./run-local.sh [--data DIR] [--fresh] [--no-demo]");
        System.exit(2);
    }

    private void run(boolean fresh, boolean demo) throws Exception {
        DataDirectoryCheck.ensureFree(data);
        ownsData = true;
        if (fresh) {
            deleteRecursively(data, data.resolve(RUN_LOCK));
        }
        boolean firstStart = !Files.exists(data.resolve("demo-loaded"));
        long started = System.nanoTime();
        System.out.println("Starting Kafka, PostgreSQL and the three services (data in " + data + ") ...");
        system = LocalSystem.start(LocalSystem.projectRoot(), data, LocalSystem.Ports.DEFAULT, Map.of());
        supervisor = ServiceSupervisor.watch(system.services(), System.out);
        System.out.printf("All three services ready in %d s.%n", (System.nanoTime() - started) / 1_000_000_000);

        if (demo && firstStart) {
            DemoData.load(system, data);
            System.out.println("Waiting until every event is counted and handed on ...");
            system.awaitCounted(Duration.ofMinutes(5));
            Files.writeString(data.resolve("demo-loaded"), "yes\n");
        }
        // with no data there is nothing to release (a first start with --no-demo)
        String release = Files.exists(data.resolve("demo-loaded")) ? makeRelease(system, DemoData.LA)
                : "(none yet: POST /v1/las/" + DemoData.LA + "/releases with the operator key)";
        printWhereToLook(system, release, data);
        new CountDownLatch(1).await(); // until Ctrl-C or SIGTERM: the shutdown hook stops everything
    }

    /** The shutdown hook's work, for Ctrl-C, SIGTERM and a failed start alike. */
    private void stop() {
        if (!ownsData) {
            return; // refused before anything started: what holds the data directory is another run's
        }
        System.out.println("\nStopping every process this run started ...");
        if (supervisor != null) {
            supervisor.close();
        }
        LocalSystem running = system;
        if (running != null) {
            running.close();
        } else {
            StartedProcesses.stopAll(data);
        }
        System.out.println("Stopped.");
    }

    /** What failed, with where to look, on one line (the messages of our exceptions already name the log). */
    static String oneLine(Throwable e) {
        String text = e instanceof IllegalStateException && e.getMessage() != null ? e.getMessage() : e.toString();
        if (e instanceof LinkageError) {
            text += " (a class is missing from deploy/local/target/lib: rebuild with ./mvnw install -DskipTests)";
        }
        return text.replaceAll("\\s*\\R\\s*", " ");
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

    /** Deletes a directory's contents and, unless it holds {@code keep}, the directory itself. */
    static void deleteRecursively(Path dir, Path keep) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (var paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                if (!p.equals(keep) && !(p.equals(dir) && Files.exists(keep))) {
                    Files.delete(p);
                }
            }
        }
    }
}
