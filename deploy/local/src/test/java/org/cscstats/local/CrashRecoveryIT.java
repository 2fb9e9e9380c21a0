package org.cscstats.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.cscstats.infra.TopicProbe;
import org.cscstats.local.generator.CaseHistoryGenerator;
import org.cscstats.local.generator.GeneratorConfig;
import org.cscstats.local.generator.IngestSender;
import org.cscstats.local.generator.SendReport;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Kill -9 the stats service repeatedly while events stream in; after restarts its cubes must equal those of a
 * second stats service that rebuilt everything from the start of the topic without interruption (none lost,
 * none double-counted; a full rebuild gives identical cubes).
 */
class CrashRecoveryIT {
    @RegisterExtension
    static final LocalSystemExtension LOCAL = new LocalSystemExtension("cscstats-crash-");
    private static LocalSystem system;

    @BeforeAll
    static void start() {
        system = LOCAL.system();
    }

    @Test
    void killedAndRestartedStatsServiceEndsWithTheSameCubesAsAnUninterruptedRebuild() throws Exception {
        GeneratorConfig config = GeneratorConfig.defaults().withSeed(7).withLas(2).withYears(2023, 2024)
                .withReferralsPerLaPerYear(400).withToday(LocalDate.now());
        CompletableFuture<SendReport> sending = CompletableFuture.supplyAsync(() ->
                new IngestSender(URI.create(system.ingest().url()), LocalSystem.INGEST_KEY, 2, 200)
                        .send(new CaseHistoryGenerator(config).iterator()));
        int kills = 0;
        while (!sending.isDone() || kills < 2) {
            Thread.sleep(1500 + kills * 700L);
            system.stats().kill();
            kills++;
            system.stats().start();
            system.stats().awaitReady(java.time.Duration.ofSeconds(90));
        }
        SendReport sent = sending.get();
        assertTrue(sent.accepted() > 1000, "a real stream was sent: " + sent);

        ServiceProcess rebuild = system.startStatsRebuild(LocalSystem.projectRoot(), LOCAL.logs(), "stats_rebuild");
        try {
            Map<String, Map<String, Long>> live = Map.of();
            Map<String, Map<String, Long>> rebuilt = Map.of();
            Instant deadline = Instant.now().plusSeconds(120);
            while (Instant.now().isBefore(deadline)) {
                Thread.sleep(3000);
                live = cubes("cubes");
                rebuilt = cubes("stats_rebuild-cubes");
                if (!live.isEmpty() && live.equals(rebuilt)) {
                    break;
                }
            }
            assertTrue(live.size() > 20, "cubes were published: " + live.size());
            assertEquals(Map.of(), differences(rebuilt, live), "after " + kills + " kills the live cubes differ from a clean rebuild");
            // a rebuilt stats database numbers its cubes above the old one's (version epoch), so the suppression
            // service, which keeps the highest version it has seen, would take the rebuilt cubes as they come
            var liveVersions = TopicProbe.latestCubes(TopicProbe.readAll(system.kafka().bootstrapServers(), "cubes"));
            var rebuiltVersions = TopicProbe.latestCubes(TopicProbe.readAll(system.kafka().bootstrapServers(), "stats_rebuild-cubes"));
            liveVersions.forEach((key, cube) -> assertTrue(rebuiltVersions.containsKey(key)
                    && rebuiltVersions.get(key).version() > cube.version(), "rebuilt version of " + key + " is not above the live one"));
        } finally {
            rebuild.close();
        }
    }

    /** Cube key → "cell: rebuilt vs live" for every cell that differs. */
    private static Map<String, String> differences(Map<String, Map<String, Long>> rebuilt, Map<String, Map<String, Long>> live) {
        Map<String, String> out = new java.util.TreeMap<>();
        java.util.Set<String> keys = new java.util.TreeSet<>(rebuilt.keySet());
        keys.addAll(live.keySet());
        for (String k : keys) {
            Map<String, Long> a = rebuilt.getOrDefault(k, Map.of());
            Map<String, Long> b = live.getOrDefault(k, Map.of());
            java.util.Set<String> cells = new java.util.TreeSet<>(a.keySet());
            cells.addAll(b.keySet());
            StringBuilder d = new StringBuilder();
            for (String c : cells) {
                if (!java.util.Objects.equals(a.get(c), b.get(c))) {
                    d.append("[").append(c).append(": ").append(a.get(c)).append(" vs ").append(b.get(c)).append("] ");
                }
            }
            if (d.length() > 0) {
                out.put(k, (rebuilt.containsKey(k) ? "" : "(only live) ") + (live.containsKey(k) ? "" : "(only rebuilt) ") + d);
            }
        }
        return out;
    }

    /** The latest version of every cube on a topic: key → its non-zero cells. */
    private static Map<String, Map<String, Long>> cubes(String topic) {
        Map<String, Map<String, Long>> out = new HashMap<>();
        TopicProbe.latestCubes(TopicProbe.readAll(system.kafka().bootstrapServers(), topic)).forEach((k, c) -> {
            Map<String, Long> nonZero = new HashMap<>();
            c.cells().forEach((cell, v) -> {
                if (v != 0) {
                    nonZero.put(cell, v);
                }
            });
            out.put(k, nonZero);
        });
        return out;
    }
}
