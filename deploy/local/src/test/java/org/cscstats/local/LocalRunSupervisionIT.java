package org.cscstats.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.cscstats.infra.LocalPostgres;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The local run as users start it (its own JVM, {@code LocalRun}): each service killed with SIGKILL comes back
 * and is ready within 60 s with nobody touching it, while events keep arriving, and every acknowledged event is
 * counted exactly once; a second run on the same data is refused at once; SIGTERM stops every process it started.
 */
class LocalRunSupervisionIT {
    private static final Duration BACK_WITHIN = Duration.ofSeconds(60);
    private static final String LA = "331";
    private static final int CHILDREN_PER_BATCH = 50;
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private Path data;
    private Process run;
    private final StringBuffer output = new StringBuffer();

    @Test
    void killedServicesComeBackByThemselvesAndNoAcknowledgedEventIsLost() throws Exception {
        data = Files.createTempDirectory("cscstats-localrun-");
        run = localRun("--data", data.toString(), "--no-demo");
        collect(run, output);
        awaitOutput("Press Ctrl-C to stop everything.", Duration.ofSeconds(180));
        Map<String, String> urls = serviceUrls(output.toString());

        // a second run on the same data directory is refused at once, naming what holds it
        StringBuffer second = new StringBuffer();
        Instant asked = Instant.now();
        Process refused = localRun("--data", data.toString(), "--no-demo");
        collect(refused, second);
        assertTrue(refused.waitFor(20, TimeUnit.SECONDS), "the second run was not refused at once: " + second);
        assertEquals(1, refused.exitValue(), second.toString());
        assertTrue(second.toString().contains("is in use by another running Kafka (pid"), second.toString());
        System.out.println("[LocalRunSupervisionIT] second run refused in "
                + Duration.between(asked, Instant.now()).toMillis() + " ms: " + second.toString().strip());

        AtomicBoolean sending = new AtomicBoolean(true);
        AtomicLong acknowledged = new AtomicLong();
        AtomicReference<Throwable> senderFailure = new AtomicReference<>();
        Thread sender = new Thread(() -> {
            try {
                for (int batch = 0; sending.get(); batch++) {
                    sendUntilAcknowledged(urls.get("ingest-api"), referrals("b" + batch + "-"));
                    acknowledged.addAndGet(CHILDREN_PER_BATCH);
                }
            } catch (Throwable t) {
                senderFailure.set(t);
            }
        }, "sender");
        sender.start();

        Map<String, Duration> backAfter = new LinkedHashMap<>();
        for (String service : List.of("stats-service", "ingest-service", "suppression-service")) {
            long before = acknowledged.get();
            awaitCondition(() -> acknowledged.get() > before + CHILDREN_PER_BATCH, Duration.ofSeconds(60),
                    "events flowing before " + service + " is killed", senderFailure);
            ProcessHandle victim = serviceProcess(service).orElseThrow(() -> new AssertionError(service + " not running"));
            Instant killed = Instant.now();
            victim.destroyForcibly(); // SIGKILL
            victim.onExit().get(20, TimeUnit.SECONDS);
            Instant deadline = killed.plus(BACK_WITHIN);
            while (!(serviceProcess(service).filter(p -> p.pid() != victim.pid()).isPresent()
                    && ready(urls.get(service)))) {
                if (Instant.now().isAfter(deadline)) {
                    fail(service + " was not back and ready within " + BACK_WITHIN.toSeconds() + " s of its SIGKILL\n" + output);
                }
                Thread.sleep(200);
            }
            backAfter.put(service, Duration.between(killed, Instant.now()));
        }
        System.out.println("[LocalRunSupervisionIT] back and ready after SIGKILL: " + backAfter);
        long before = acknowledged.get();
        awaitCondition(() -> acknowledged.get() > before + CHILDREN_PER_BATCH, Duration.ofSeconds(60),
                "events flowing after the last restart", senderFailure);
        sending.set(false);
        sender.join(TimeUnit.MINUTES.toMillis(3));
        if (senderFailure.get() != null) {
            throw new AssertionError("the sender gave up", senderFailure.get());
        }
        // the supervisor polls readiness on its own clock, so its "is back" line may follow our own check by a poll or two
        for (String service : backAfter.keySet()) {
            awaitCondition(() -> output.toString().contains(service + " exited with status 137"), Duration.ofSeconds(15),
                    "the console says " + service + " exited:\n" + output);
            awaitCondition(() -> output.toString().contains(service + " is back"), Duration.ofSeconds(15),
                    "the console says " + service + " is back:\n" + output);
        }

        // every acknowledged referral (one child each) is counted once, whatever was killed while it was sent
        long expected = acknowledged.get();
        String jdbc = urls.get("postgres").replace("/suppression", "/stats");
        long counted = -1;
        Instant deadline = Instant.now().plusSeconds(120);
        while (Instant.now().isBefore(deadline)) {
            counted = childrenCounted(jdbc);
            if (counted == expected) {
                break;
            }
            Thread.sleep(500);
        }
        assertEquals(expected, counted, "children counted by stats vs acknowledged by ingest");

        // SIGTERM stops every process the run started, as Ctrl-C does
        List<ProcessHandle> started = new ArrayList<>(run.toHandle().descendants().toList());
        DataDirectoryCheck.postgresHolder(data.resolve("postgres"))
                .flatMap(h -> ProcessHandle.of(Long.parseLong(h.replace("pid ", "")))).ifPresent(started::add);
        assertTrue(started.size() >= 5, "Kafka, PostgreSQL and three services: " + started);
        run.toHandle().destroy(); // SIGTERM
        assertTrue(run.waitFor(90, TimeUnit.SECONDS), "the local run did not stop on SIGTERM\n" + output);
        awaitCondition(() -> started.stream().noneMatch(ProcessHandle::isAlive), Duration.ofSeconds(10),
                "every process the run started has stopped: still alive " + started.stream().filter(ProcessHandle::isAlive).toList());
        awaitCondition(() -> output.toString().contains("Stopped."), Duration.ofSeconds(10), "it says it stopped:\n" + output);
    }

    @AfterEach
    void cleanUp() {
        if (run != null && run.isAlive()) {
            run.toHandle().descendants().forEach(ProcessHandle::destroyForcibly);
            run.destroyForcibly();
        }
        if (data != null) {
            DataDirectoryCheck.postgresHolder(data.resolve("postgres"))
                    .flatMap(h -> ProcessHandle.of(Long.parseLong(h.replace("pid ", ""))))
                    .ifPresent(ProcessHandle::destroyForcibly);
            LocalSystemExtension.deleteQuietly(data);
        }
    }

    private static Process localRun(String... args) throws IOException {
        Path module = LocalSystem.projectRoot().resolve("deploy/local");
        List<String> cmd = new ArrayList<>(List.of(org.cscstats.infra.ServerProcesses.javaBinary(), "-Xmx1g", "-cp",
                module.resolve("target/classes") + ":" + module.resolve("target/lib") + "/*", LocalRun.class.getName()));
        cmd.addAll(List.of(args));
        return new ProcessBuilder(cmd).directory(LocalSystem.projectRoot().toFile()).redirectErrorStream(true).start();
    }

    private static void collect(Process p, StringBuffer into) {
        Thread t = new Thread(() -> {
            try (var in = p.inputReader(StandardCharsets.UTF_8)) {
                in.lines().forEach(line -> into.append(line).append('\n'));
            } catch (IOException | java.io.UncheckedIOException e) {
                // the process ended
            }
        }, "output-" + p.pid());
        t.setDaemon(true);
        t.start();
    }

    private void awaitOutput(String text, Duration within) throws InterruptedException {
        Instant deadline = Instant.now().plus(within);
        while (!output.toString().contains(text)) {
            if (!run.isAlive() || Instant.now().isAfter(deadline)) {
                fail("the local run did not print '" + text + "' within " + within.toSeconds() + " s:\n" + output);
            }
            Thread.sleep(200);
        }
    }

    /**
     * From what the run prints: each service's management URL (health), the public ingest URL (events) and the
     * PostgreSQL JDBC URL.
     */
    static Map<String, String> serviceUrls(String printed) {
        Matcher metrics = Pattern.compile("Metrics\\s+(http://\\S+)/q/metrics\\s+(http://\\S+)/q/metrics\\s+(http://\\S+)/q/metrics")
                .matcher(printed);
        Matcher ingest = Pattern.compile("Ingest API\\s+(http://\\S+)/v1/events").matcher(printed);
        Matcher pg = Pattern.compile("PostgreSQL\\s+(jdbc:\\S+)").matcher(printed);
        assertTrue(metrics.find() && ingest.find() && pg.find(), "URLs printed:\n" + printed);
        return Map.of("suppression-service", metrics.group(1), "ingest-service", metrics.group(2),
                "stats-service", metrics.group(3), "ingest-api", ingest.group(1), "postgres", pg.group(1));
    }

    private Optional<ProcessHandle> serviceProcess(String module) {
        return run.toHandle().descendants()
                .filter(p -> p.info().arguments().map(a -> String.join(" ", a).contains(module + "/target/quarkus-app"))
                        .orElse(false))
                .filter(ProcessHandle::isAlive).findFirst();
    }

    private static boolean ready(String url) {
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create(url + "/q/health/ready")).timeout(Duration.ofSeconds(2)).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Posts one batch until ingest answers 202 (a caller that trusts only a 202 resends on 503 or a broken connection). */
    private static void sendUntilAcknowledged(String ingest, String ndjson) throws Exception {
        Instant deadline = Instant.now().plus(BACK_WITHIN.multipliedBy(2));
        String last = "";
        while (Instant.now().isBefore(deadline)) {
            try {
                HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(ingest + "/v1/events"))
                        .timeout(Duration.ofSeconds(30))
                        .header("Content-Type", "application/x-ndjson")
                        .header("Authorization", "Bearer " + LocalSystem.INGEST_KEY)
                        .POST(HttpRequest.BodyPublishers.ofString(ndjson)).build(), HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 202) {
                    return;
                }
                if (r.statusCode() != 503) {
                    throw new AssertionError("ingest answered " + r.statusCode() + ": " + r.body());
                }
                last = "503";
            } catch (IOException e) {
                last = e.toString();
            }
            Thread.sleep(300);
        }
        throw new AssertionError("a batch was not acknowledged within " + BACK_WITHIN.multipliedBy(2).toSeconds() + " s: " + last);
    }

    /** One referral of a new child each, in 2023/24. */
    private static String referrals(String prefix) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < CHILDREN_PER_BATCH; i++) {
            String key = prefix + i;
            String date = String.format("2023-%02d-%02d", 4 + i % 9, 1 + i % 28);
            b.append(String.format("{\"id\":\"ev-%s\",\"type\":\"referral\",\"la\":\"%s\",\"childId\":\"child-%s\","
                    + "\"referralId\":\"ref-%s\",\"date\":\"%s\",\"referralSource\":\"2A\","
                    + "\"child\":{\"birthDate\":\"2014-03-02\",\"sex\":\"F\",\"ethnicity\":\"WBRI\"}}%n", key, LA, key, key, date));
        }
        return b.toString();
    }

    private static long childrenCounted(String jdbc) {
        try (Connection c = DriverManager.getConnection(jdbc, LocalPostgres.USER, LocalPostgres.PASSWORD);
             var rs = c.createStatement().executeQuery("SELECT count(*) FROM child_state WHERE la = '" + LA + "'")) {
            rs.next();
            return rs.getLong(1);
        } catch (java.sql.SQLException e) {
            return -1;
        }
    }

    private static void awaitCondition(java.util.function.BooleanSupplier condition, Duration within, String what)
            throws InterruptedException {
        awaitCondition(condition, within, what, new AtomicReference<>());
    }

    /** As above, failing at once with the sender's own error once it has given up. */
    private static void awaitCondition(java.util.function.BooleanSupplier condition, Duration within, String what,
            AtomicReference<Throwable> senderFailure) throws InterruptedException {
        Instant deadline = Instant.now().plus(within);
        while (!condition.getAsBoolean()) {
            if (senderFailure.get() != null) {
                throw new AssertionError("the sender gave up while waiting for " + what, senderFailure.get());
            }
            if (Instant.now().isAfter(deadline)) {
                fail("not within " + within.toSeconds() + " s: " + what);
            }
            Thread.sleep(200);
        }
    }
}
