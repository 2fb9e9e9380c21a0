package org.cscstats.bench;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.cscstats.contract.CaseEvent;
import org.cscstats.contract.Topics;
import org.cscstats.local.LocalSystem;
import org.cscstats.local.generator.CaseHistoryGenerator;
import org.cscstats.local.generator.GeneratorConfig;
import org.cscstats.local.generator.IngestSender;
import org.cscstats.local.generator.LocalAuthorities;
import org.cscstats.local.generator.SendReport;

/**
 * The soak (issue 9): events offered at a steady rate and dashboards polling the public API at the same time, for
 * a bounded time, with releases made along the way. Afterwards it checks that nothing was lost (every acknowledged
 * event is on the topic and counted; every marker is in its cube), that the API never answered with an error, and
 * that each service's heap floor stayed flat; it reports the latencies.
 */
final class SoakRun {
    static final int BATCH = 200;

    record Options(int seconds, int rate, int pollPerSecond, Duration releaseEvery, Path data) {
    }

    record Result(long accepted, long duplicates, long markersSent, long markersCounted, long topicEvents,
                  long apiRequests, long apiErrors, Map<Integer, Long> apiErrorStatuses, Latencies api,
                  Latencies freshness, Map<String, HeapWatch.Floor> heap, Map<String, Long> peakRss, int releases) {
        boolean nothingLost() {
            return topicEvents == accepted + markersSent && markersCounted == markersSent;
        }

        boolean memoryFlat() {
            return heap.values().stream().allMatch(HeapWatch.Floor::flat);
        }
    }

    private final Options o;
    private final Report report;

    SoakRun(Options options, Report report) {
        this.o = options;
        this.report = report;
    }

    Result run() throws Exception {
        // enough LA-years for the whole run (≈20,000 events each), generated lazily as they are sent
        int las = (int) Math.min(LocalAuthorities.CODES.size() - 1, 2 + (long) o.rate() * o.seconds() / 15_000);
        GeneratorConfig config = GeneratorConfig.defaults().withLas(las).withYears(2025, 2025);
        Iterator<CaseEvent> events = new CaseHistoryGenerator(config).iterator();
        String la = LocalAuthorities.CODES.get(0);
        String markerLa = LocalAuthorities.CODES.get(LocalAuthorities.CODES.size() - 1);
        report.log("Soak: %,d events/s and %d API requests/s for %d s ...", o.rate(), o.pollPerSecond(), o.seconds());
        try (LocalSystem system = LocalSystem.start(LocalSystem.projectRoot(), o.data(), LocalSystem.Ports.ANY, Map.of());
             MemoryWatch memory = MemoryWatch.of(system);
             HeapWatch heap = new HeapWatch(system.services(), Duration.ofSeconds(2))) {
            long until = System.nanoTime() + Duration.ofSeconds(o.seconds()).toNanos();
            IngestSender sender = new IngestSender(URI.create(system.ingest().url()), LocalSystem.INGEST_KEY, 4, BATCH);
            CompletableFuture<SendReport> offered = CompletableFuture.supplyAsync(() -> sender.sendBatches(
                    new Paced(IngestSender.batches(events, BATCH), o.rate(), until), r -> report.log("  %s", r)));
            int releases = 0;
            try (FreshnessProbe probe = new FreshnessProbe(system.kafka().bootstrapServers(), system.ingest().url(),
                    LocalSystem.INGEST_KEY, markerLa)) {
                // a first release so the dashboards have tables to poll
                Thread.sleep(Math.min(10_000, o.seconds() * 1000L / 4));
                SystemApi.release(system, la);
                releases++;
                List<String> urls = SystemApi.tableUrls(system, la);
                DashboardPoller poller = new DashboardPoller(urls).start(o.pollPerSecond());
                long nextRelease = System.nanoTime() + o.releaseEvery().toNanos();
                try (poller) {
                    while (System.nanoTime() < until) {
                        probe.measureOne(Duration.ofSeconds(30));
                        if (System.nanoTime() > nextRelease) {
                            SystemApi.release(system, la);
                            releases++;
                            nextRelease = System.nanoTime() + o.releaseEvery().toNanos();
                        }
                        Thread.sleep(1000);
                    }
                }
                SendReport sent = offered.get();
                report.log("  offered: %s", sent);
                system.awaitCounted(Duration.ofMinutes(15));
                probe.awaitAllCounted(Duration.ofMinutes(2));
                long topicEvents = system.kafka().endOffsets(Topics.CASE_EVENTS).values().stream().mapToLong(Long::longValue).sum();
                Result result = new Result(sent.accepted(), sent.duplicates(), probe.sent(), probe.counted(), topicEvents,
                        poller.ok() + poller.notModified() + poller.errors(), poller.errors(), poller.errorStatuses(),
                        poller.latencies(), probe.latencies(), heap.floors(), memory.peaks(), releases);
                describe(result, sent);
                return result;
            }
        }
    }

    private void describe(Result r, SendReport sent) {
        report.section("Soak: " + o.seconds() + " s, " + o.rate() + " events/s offered, " + o.pollPerSecond() + " dashboard requests/s");
        report.row("events acknowledged by ingest", String.format("%,d (+%,d duplicates reported, %,.0f events/s achieved)", r.accepted(), r.duplicates(), sent.eventsPerSecond()));
        report.row("records on case-events (acknowledged + markers)", String.format("%,d = %,d + %,d: %s", r.topicEvents(), r.accepted(), r.markersSent(),
                r.topicEvents() == r.accepted() + r.markersSent() ? "none lost" : "MISMATCH"));
        report.row("markers counted in their cube", String.format("%,d of %,d", r.markersCounted(), r.markersSent()));
        report.row("freshness (marker POSTed → cube published)", r.freshness().summary());
        report.row("dashboard requests", String.format("%,d, %d errors %s; %s", r.apiRequests(), r.apiErrors(), r.apiErrorStatuses(), r.api().summary()));
        report.row("releases made during the run", r.releases());
        r.heap().forEach((name, f) -> report.row("heap floor " + name, String.format("%,d MB → %,d MB (%d samples): %s",
                f.first() >> 20, f.last() >> 20, f.samples(), f.flat() ? "flat" : "GROWING")));
        r.peakRss().forEach((name, bytes) -> report.row("peak resident " + name, String.format("%,d MB", bytes >> 20)));
    }
}
