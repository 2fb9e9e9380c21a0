package org.cscstats.ingest.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import org.cscstats.contract.Json;
import org.cscstats.contract.Topics;
import org.cscstats.infra.FreePorts;
import org.cscstats.infra.LocalKafka;
import org.cscstats.infra.ServerProcesses;
import org.cscstats.ingest.census.Census;
import org.cscstats.ingest.census.CinCensusWriter;

/**
 * Issue 3, census part: how fast the packaged service imports a generated census of 100,000 children, and the
 * service's peak heap while it does. Not a test (figures depend on the machine); run it by hand:
 *
 * <pre>
 * ./mvnw -B -o -pl ingest-service package -DskipTests
 * ./mvnw -B -q -o -pl ingest-service dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/cp.txt
 * java -cp "ingest-service/target/test-classes:ingest-service/target/classes:$(cat ingest-service/target/cp.txt)" \
 *     org.cscstats.ingest.bench.CensusImportBenchmark [children=100000] [service -Xmx, e.g. 256m] [ingest.recent-ids]
 * </pre>
 *
 * It writes the census with {@link CinCensusWriter} (one to three referrals a child, every module), starts a real
 * Kafka broker ({@link LocalKafka}) and {@code ingest-service/target/quarkus-app/quarkus-run.jar} as its own JVM
 * with that heap limit, posts the file, polls {@code /q/metrics} for the heap in use, checks the topic holds what
 * the service says it published, and writes the figures to {@code ingest-service/target/census-benchmark.md}.
 */
public final class CensusImportBenchmark {
    static final String KEY = "census-benchmark-key";
    static final List<String> ETHNICITIES = List.of("WBRI", "WBRI", "WBRI", "WBRI", "WIRI", "WOTH", "MWBC", "MWBA",
            "MWAS", "MOTH", "AIND", "APKN", "ABAN", "AOTH", "BCRB", "BAFR", "BOTH", "CHNE", "OOTH", "REFU", "NOBT");
    static final List<String> SOURCES = List.of("1A", "1B", "1C", "1D", "2A", "2B", "3A", "3B", "3E", "3F", "4", "5A",
            "5C", "5D", "6", "6", "6", "7", "8", "9", "10");
    static final List<String> FACTORS = List.of("1A", "1B", "2A", "2B", "2C", "3A", "3B", "3C", "4A", "4B", "5A",
            "6A", "6B", "8B", "8C", "8F", "9A", "10A", "11A", "14A", "16A", "17A", "18B", "19B", "20", "22A", "24A");
    static final List<String> CLOSURES = List.of("RC1", "RC2", "RC3", "RC4", "RC5", "RC6", "RC7", "RC8", "RC8", "RC9");
    static final List<String> CATEGORIES = List.of("NEG", "NEG", "EMO", "EMO", "PHY", "SAB", "MUL");

    private CensusImportBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int children = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        String heap = args.length > 1 ? args[1] : "256m";
        // the duplicate-id memory holds up to this many ids (default 1,000,000), a few hundred bytes each
        String recentIds = args.length > 2 ? args[2] : null;
        Path module = moduleDir();
        Path jar = module.resolve("target/quarkus-app/quarkus-run.jar");
        if (!Files.exists(jar)) {
            throw new IllegalStateException(jar + " is missing: ./mvnw -B -o -pl ingest-service package -DskipTests");
        }
        Path work = Files.createDirectories(module.resolve("target/census-benchmark"));
        Path file = work.resolve("census-" + children + ".xml");
        long g0 = System.nanoTime();
        CinCensusWriter.write(file, Census.Header.forYear("331", 2025), CinCensusWriter.SexElement.SEX,
                () -> IntStream.range(0, children).mapToObj(CensusImportBenchmark::child).iterator());
        System.out.printf("wrote %s: %,d children, %,d bytes in %.1f s%n", file, children, Files.size(file),
                (System.nanoTime() - g0) / 1e9);

        String loadBefore = loadAverage();
        try (LocalKafka kafka = LocalKafka.start(work.resolve("kafka-" + System.nanoTime()), FreePorts.next(),
                work.resolve("kafka.log"))) {
            kafka.createTopics(LocalKafka.systemTopics());
            int port = FreePorts.next();
            ProcessBuilder pb = new ProcessBuilder(ServerProcesses.javaBinary(), "-Xmx" + heap, "-XX:+UseG1GC",
                    "-jar", jar.toString()).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.to(work.resolve("ingest-service.log").toFile()));
            pb.environment().putAll(Map.of("INGEST_HTTP_PORT", Integer.toString(port),
                    "KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers(),
                    "INGEST_PSEUDONYM_KEY", "census-benchmark-pseudonym-key-of-32-bytes-or-more",
                    "INGEST_KEYS", sha256(KEY) + ":*"));
            if (recentIds != null) {
                pb.environment().put("INGEST_RECENT_IDS", recentIds);
            }
            Process service = pb.start();
            try {
                run(file, children, heap + (recentIds == null ? "" : ", ingest.recent-ids=" + recentIds),
                        "http://127.0.0.1:" + port, service, kafka, module, loadBefore);
            } finally {
                service.destroy();
                ServerProcesses.awaitExit(service, 20);
            }
        }
    }

    private static void run(Path file, int children, String heap, String url, Process service, LocalKafka kafka,
                            Path module, String loadBefore) throws Exception {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        awaitReady(http, url, service);
        long heapAtRest = heapUsed(http, url);
        AtomicLong peak = new AtomicLong(heapAtRest);
        Thread poller = new Thread(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                try {
                    peak.accumulateAndGet(heapUsed(http, url), Math::max);
                    Thread.sleep(200);
                } catch (InterruptedException e) {
                    return;
                } catch (Exception e) {
                    // a missed sample; the next one counts
                }
            }
        }, "heap-poller");
        poller.setDaemon(true);
        poller.start();
        long t0 = System.nanoTime();
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url + "/v1/imports/cin-census"))
                .header("Content-Type", "application/xml").header("Authorization", "Bearer " + KEY)
                .timeout(Duration.ofMinutes(10)).POST(HttpRequest.BodyPublishers.ofFile(file)).build(),
                HttpResponse.BodyHandlers.ofString());
        double seconds = (System.nanoTime() - t0) / 1e9;
        poller.interrupt();
        poller.join();
        String loadAfter = loadAverage();
        if (r.statusCode() != 200) {
            throw new IllegalStateException("import answered " + r.statusCode() + ": " + r.body());
        }
        Map<?, ?> summary = Json.mapper().readValue(r.body(), Map.class);
        long published = ((Number) summary.get("eventsPublished")).longValue();
        long onTopic = kafka.endOffsets(Topics.CASE_EVENTS).values().stream().mapToLong(Long::longValue).sum();
        if (onTopic != published) {
            throw new IllegalStateException("the service says " + published + " events were published; the topic holds " + onTopic);
        }
        long size = Files.size(file);
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"census file", String.format("%,d bytes (%.0f MB), %,d children, %,d referrals", size,
                size / 1e6, ((Number) summary.get("children")).intValue(), ((Number) summary.get("referrals")).intValue())});
        rows.add(new String[] {"events read / published / duplicates / rejected", String.format("%,d / %,d / %,d / %d",
                ((Number) summary.get("eventsRead")).longValue(), published, ((Number) summary.get("duplicates")).longValue(),
                ((List<?>) summary.get("rejected")).size())});
        rows.add(new String[] {"import time (POST sent → 200, spool + check + read + publish with acks=all)",
                String.format("%.1f s", seconds)});
        rows.add(new String[] {"children/s", String.format("%,.0f", children / seconds)});
        rows.add(new String[] {"events/s", String.format("%,.0f", published / seconds)});
        rows.add(new String[] {"MB/s of XML", String.format("%.1f", size / 1e6 / seconds)});
        rows.add(new String[] {"service heap in use: at rest / peak (sampled every 200 ms from /q/metrics)",
                String.format("%d MB / %d MB, with -Xmx%s", heapAtRest >> 20, peak.get() >> 20, heap)});
        rows.add(new String[] {"machine", Runtime.getRuntime().availableProcessors() + " cores; load average before "
                + loadBefore + ", after " + loadAfter + " (Kafka, the service and this client share the cores)"});
        StringBuilder md = new StringBuilder("# CIN census import benchmark\n\n")
                .append("`CensusImportBenchmark ").append(children).append(' ').append(heap).append("`, ")
                .append(java.time.Instant.now()).append(".\n\n| what | figure |\n|---|---|\n");
        rows.forEach(row -> md.append("| ").append(row[0]).append(" | ").append(row[1]).append(" |\n"));
        Path out = module.resolve("target/census-benchmark.md");
        Files.writeString(out, md, StandardCharsets.UTF_8);
        System.out.print(md);
        System.out.println("written to " + out);
    }

    /** One synthetic child: one to three referrals (70/22/8 %), each with the modules a real case might have. */
    static Census.Child child(int n) {
        SplittableRandom r = new SplittableRandom(n * 0x9E3779B97F4A7C15L);
        int episodes = r.nextInt(100) < 70 ? 1 : r.nextInt(100) < 73 ? 2 : 3;
        LocalDate first = LocalDate.of(2019, 4, 1).plusDays(r.nextInt(1600));
        List<Census.CinDetails> details = new ArrayList<>();
        LocalDate ref = first;
        for (int e = 0; e < episodes && ref.isBefore(LocalDate.of(2025, 3, 1)); e++) {
            LocalDate end = ref.plusDays(30 + r.nextInt(300));
            boolean closed = end.isBefore(LocalDate.of(2025, 3, 31)) && r.nextInt(100) < 75;
            List<Census.Assessment> assessments = new ArrayList<>();
            if (r.nextInt(100) < 85) {
                List<String> factors = new ArrayList<>();
                for (int f = r.nextInt(5); f > 0; f--) {
                    factors.add(FACTORS.get(r.nextInt(FACTORS.size())));
                }
                LocalDate authorised = ref.plusDays(5 + r.nextInt(40));
                assessments.add(new Census.Assessment(ref.plusDays(1), authorised.isAfter(end) ? end : authorised,
                        factors.isEmpty() ? List.of("21") : factors));
            }
            List<Census.Section47> s47 = r.nextInt(100) < 25 ? List.of(new Census.Section47(ref.plusDays(2))) : List.of();
            List<Census.CpPlan> cp = !s47.isEmpty() && r.nextInt(100) < 60
                    ? List.of(new Census.CpPlan(ref.plusDays(15), closed ? end.minusDays(1) : null,
                    CATEGORIES.get(r.nextInt(CATEGORIES.size())))) : List.of();
            List<Census.CinPlan> cin = r.nextInt(100) < 35
                    ? List.of(new Census.CinPlan(ref.plusDays(20), closed ? end.minusDays(2) : null)) : List.of();
            details.add(new Census.CinDetails(ref, SOURCES.get(r.nextInt(SOURCES.size())), closed ? end : null,
                    closed ? CLOSURES.get(r.nextInt(CLOSURES.size())) : null, assessments, cin, s47, cp));
            ref = end.plusDays(20 + r.nextInt(200));
        }
        boolean unborn = r.nextInt(200) == 0;
        return new Census.Child("LA331-" + String.format("%07d", n),
                unborn ? null : first.minusDays(200 + r.nextInt(6000)), unborn ? first.plusDays(60) : null,
                List.of("M", "F", "M", "F", "U").get(r.nextInt(5)), r.nextInt(30) == 0 ? null
                : ETHNICITIES.get(r.nextInt(ETHNICITIES.size())), details);
    }

    private static void awaitReady(HttpClient http, String url, Process service) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (System.nanoTime() < deadline) {
            if (!service.isAlive()) {
                throw new IllegalStateException("the service exited; see target/census-benchmark/ingest-service.log");
            }
            try {
                if (http.send(HttpRequest.newBuilder(URI.create(url + "/q/health/ready")).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(300);
        }
        throw new IllegalStateException("the service was not ready within 120 s");
    }

    private static final Pattern HEAP = Pattern.compile("^jvm_memory_used_bytes\\{[^}]*area=\"heap\"[^}]*\\} (\\S+)", Pattern.MULTILINE);

    /** Heap in use now: the sum over the heap's memory pools. */
    static long heapUsed(HttpClient http, String url) throws IOException, InterruptedException {
        String metrics = http.send(HttpRequest.newBuilder(URI.create(url + "/q/metrics")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        Matcher m = HEAP.matcher(metrics);
        long sum = 0;
        while (m.find()) {
            sum += (long) Double.parseDouble(m.group(1));
        }
        return sum;
    }

    static String loadAverage() {
        try {
            String[] parts = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return parts[0] + " " + parts[1] + " " + parts[2];
        } catch (IOException e) {
            return "unknown";
        }
    }

    static String sha256(String key) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8)));
    }

    /** {@code ingest-service/}, from the repository root or the module itself. */
    static Path moduleDir() {
        Path here = Path.of("").toAbsolutePath();
        for (Path p : List.of(here.resolve("ingest-service"), here)) {
            if (Files.exists(p.resolve("src/main/java/org/cscstats/ingest"))) {
                return p;
            }
        }
        throw new IllegalStateException("run from the repository root or ingest-service/");
    }
}
