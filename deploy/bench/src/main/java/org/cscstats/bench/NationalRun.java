package org.cscstats.bench;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
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
 * The national-scale benchmark (issue 8, and the figures of issues 3, 4 and 5): one year of synthetic events for
 * {@code las} LAs, driven through the whole system on this machine, one phase after another so that each figure
 * has the machine to itself:
 * <ol>
 *   <li>raw Kafka: the same events produced and consumed on the same broker (the physical limit);</li>
 *   <li>ingest: every event POSTed in batches, with the stats service stopped;</li>
 *   <li>counting: the stats service started on the backlog, until every event is in PostgreSQL and every cube
 *       is published and stored by suppression;</li>
 *   <li>freshness: marker events while a steady load is offered at a fixed rate;</li>
 *   <li>releases of every LA, one after another;</li>
 *   <li>API: wrk on a cached table, with dashboards polling at the same time.</li>
 * </ol>
 */
final class NationalRun {
    record Options(int las, int year, int batch, int concurrency, int freshnessSeconds, int freshnessRate,
                   int apiSeconds, int pollPerSecond, Path data) {
    }

    private final Options o;
    private final Report report;

    NationalRun(Options options, Report report) {
        this.o = options;
        this.report = report;
    }

    void run() throws Exception {
        GeneratorConfig config = GeneratorConfig.defaults().withLas(o.las()).withYears(o.year(), o.year());
        CaseHistoryGenerator generator = new CaseHistoryGenerator(config);
        double referrals = generator.las().stream().mapToDouble(la -> la.referralsPerYear().get(0)).sum();
        report.log("Generating %d LAs, financial year %d/%02d (≈%,.0f referrals expected) ...", o.las(), o.year(), (o.year() + 1) % 100, referrals);
        PreparedLoad load = PreparedLoad.of(generator.iterator(), o.batch());
        report.log("  %,d events, %,d MB of NDJSON, generated in %.0f s", load.events(), load.bytes() >> 20, load.generateSeconds());
        report.section("Load");
        report.row("LAs", o.las());
        report.row("financial year", o.year() + "/" + String.format("%02d", (o.year() + 1) % 100));
        report.row("referrals (generator's expectation)", String.format("%,.0f", referrals));
        report.row("events", String.format("%,d (%,d MB NDJSON)", load.events(), load.bytes() >> 20));

        report.log("Starting Kafka, PostgreSQL and the three services ...");
        try (LocalSystem system = LocalSystem.start(LocalSystem.projectRoot(), o.data(), LocalSystem.Ports.ANY, Map.of());
             MemoryWatch memory = MemoryWatch.of(system)) {
            CpuAccount cpu = new CpuAccount(system);
            report.log("Raw Kafka: producing and consuming the same events on the same broker ...");
            Map<String, Double> before = cpu.now();
            RawKafkaRate.Result raw = RawKafkaRate.measure(system.kafka(), load);
            String rawCpu = cpu.since(before, raw.produceSeconds() + raw.consumeSeconds());
            report.log("  %,.0f events/s (produce %.1f s, consume %.1f s)", raw.eventsPerSecond(), raw.produceSeconds(), raw.consumeSeconds());

            system.stats().close();
            report.log("Ingest: %,d batches of %,d, %d in flight, stats service stopped ...", load.batches().size(), o.batch(), o.concurrency());
            IngestSender sender = new IngestSender(URI.create(system.ingest().url()), LocalSystem.INGEST_KEY, o.concurrency(), o.batch());
            before = cpu.now();
            SendReport ingest = sender.sendBatches(load.batches().iterator(), r -> report.log("  %s", r));
            String ingestCpu = cpu.since(before, ingest.elapsed().toNanos() / 1e9);
            report.log("  %s", ingest);
            report.log("  %s", ingestCpu);

            report.log("Counting: stats service started on the backlog ...");
            system.stats().start();
            system.stats().awaitReady(Duration.ofSeconds(120));
            before = cpu.now();
            long t0 = System.nanoTime();
            long behindAtStart = system.eventsBehind();
            double countedSeconds = awaitBehind(system, t0);
            String countCpu = cpu.since(before, countedSeconds);
            system.awaitCounted(Duration.ofMinutes(60));
            double publishedSeconds = (System.nanoTime() - t0) / 1e9;
            report.log("  %s", countCpu);
            report.log("  %,d events into PostgreSQL in %.1f s; every cube published and stored after %.1f s", behindAtStart, countedSeconds, publishedSeconds);

            double endToEnd = load.events() / (ingest.elapsed().toNanos() / 1e9 + publishedSeconds);
            report.section("Throughput (each phase alone on the machine)");
            report.row("raw Kafka produce + consume, same events and broker", String.format("%,.0f events/s (produce %.1f s + consume %.1f s)", raw.eventsPerSecond(), raw.produceSeconds(), raw.consumeSeconds()));
            report.row("ingest: POST /v1/events, batches of " + o.batch() + ", " + o.concurrency() + " in flight, acks=all", String.format("%,.0f events/s (%.1f s, %d retries)", ingest.eventsPerSecond(), ingest.elapsed().toNanos() / 1e9, ingest.retries()));
            report.row("stats: Kafka → PostgreSQL (state, cube deltas, offsets)", String.format("%,.0f events/s (%,d events in %.1f s)", behindAtStart / countedSeconds, behindAtStart, countedSeconds));
            report.row("stats: until every cube is published and stored by suppression", String.format("%.1f s after the stats service was ready", publishedSeconds));
            report.row("end to end: ingest → cubes stored (ingest time + counting time)", String.format("%,.0f events/s (%.1f s)", endToEnd, load.events() / endToEnd));
            report.row("ratio end to end / raw Kafka", String.format("%.2f", endToEnd / raw.eventsPerSecond()));
            report.section("Where the time goes (CPU seconds per process during each phase)");
            report.row("raw Kafka", rawCpu);
            report.row("ingest", ingestCpu);
            report.row("counting (until the stats offsets reach the end)", countCpu);

            freshness(system);
            releases(system);
            api(system);

            report.section("Peak resident memory per process");
            memory.peaks().forEach((name, bytes) -> report.row(name, String.format("%,d MB", bytes >> 20)));
        }
    }

    /** Waits until the stats service has committed everything on the topic; seconds since {@code t0}. */
    private static double awaitBehind(LocalSystem system, long t0) throws Exception {
        Map<Integer, Long> end = system.kafka().endOffsets(Topics.CASE_EVENTS); // nothing is sent meanwhile
        while (system.eventsBehind(end) > 0) {
            Thread.sleep(250);
        }
        return (System.nanoTime() - t0) / 1e9;
    }

    private void freshness(LocalSystem system) throws Exception {
        report.log("Freshness: markers while %,d events/s are offered for %d s ...", o.freshnessRate(), o.freshnessSeconds());
        // a disjoint population (prefixed ids) for the year before: new children, counted into existing LAs' cubes
        GeneratorConfig config = GeneratorConfig.defaults().withLas(Math.min(o.las(), 20)).withYears(o.year() - 1, o.year() - 1);
        Iterator<CaseEvent> events = new CaseHistoryGenerator(config).stream().map(e -> Relabel.prefix(e, "f-")).iterator();
        long until = System.nanoTime() + Duration.ofSeconds(o.freshnessSeconds()).toNanos();
        int batch = Math.max(1, o.freshnessRate() / 10);
        IngestSender sender = new IngestSender(URI.create(system.ingest().url()), LocalSystem.INGEST_KEY, o.concurrency(), batch);
        CompletableFuture<SendReport> offered = CompletableFuture.supplyAsync(() -> sender.sendBatches(
                new Paced(IngestSender.batches(events, batch), o.freshnessRate(), until), r -> { }));
        String markerLa = markerLa();
        try (FreshnessProbe probe = new FreshnessProbe(system.kafka().bootstrapServers(), system.ingest().url(), LocalSystem.INGEST_KEY, markerLa)) {
            probe.measureOne(Duration.ofSeconds(60)); // the LA's first referral of the year creates its cubes: not timed
            Latencies warm = probe.latencies();
            int warmCount = warm.count();
            probe.run(until, Duration.ofSeconds(1), Duration.ofSeconds(30));
            SendReport sent = offered.get();
            report.log("  offered load: %s", sent);
            Latencies measured = new Latencies();
            // the first sample was the untimed warm-up
            copyFrom(probe.latencies(), warmCount, measured);
            report.log("  freshness %s, %d missed", measured.summary(), probe.missed());
            report.section("Freshness (marker POSTed → its cube published), under a steady offered load");
            report.row("offered load", String.format("%,.0f events/s achieved (%,d events in %.0f s)", sent.eventsPerSecond(), sent.events(), sent.elapsed().toNanos() / 1e9));
            report.row("freshness p50 / p99 / max", String.format("%.0f ms / %.0f ms / %.0f ms (%d markers, %d not seen within 30 s)",
                    measured.percentile(50), measured.percentile(99), measured.max(), measured.count(), probe.missed()));
        }
        system.awaitCounted(Duration.ofMinutes(30));
    }

    private static void copyFrom(Latencies from, int skip, Latencies to) {
        for (int i = skip; i < from.count(); i++) {
            to.add(from.get(i));
        }
    }

    /** An LA outside the generated ones if there is one, so the markers' cube has nothing else in it. */
    private String markerLa() {
        return o.las() < LocalAuthorities.CODES.size() ? LocalAuthorities.CODES.get(LocalAuthorities.CODES.size() - 1)
                : LocalAuthorities.CODES.get(0);
    }

    private void releases(LocalSystem system) throws Exception {
        report.log("Releases of %d LAs, one after another ...", o.las());
        Latencies each = new Latencies();
        long started = System.nanoTime();
        for (String la : LocalAuthorities.CODES.subList(0, o.las())) {
            long t = System.nanoTime();
            SystemApi.release(system, la);
            each.add((System.nanoTime() - t) / 1e6);
        }
        double total = (System.nanoTime() - started) / 1e9;
        report.log("  %.1f s in all; per LA %s", total, each.summary());
        report.section("Releases (protect + audit + store, via POST /v1/las/{la}/releases)");
        report.row(o.las() + " LAs one after another", String.format("%.1f s", total));
        report.row("per LA p50 / max", String.format("%.0f ms / %.0f ms", each.percentile(50), each.max()));
    }

    private void api(LocalSystem system) throws Exception {
        if (!Wrk.available()) {
            report.log("wrk is not installed (apt-get install wrk): API figures skipped");
            report.section("API");
            report.row("table GETs", "not measured: wrk is not installed");
            return;
        }
        List<String> urls = new ArrayList<>();
        for (String la : LocalAuthorities.CODES.subList(0, Math.min(o.las(), 10))) {
            urls.addAll(SystemApi.tableUrls(system, la));
        }
        String table = urls.stream().filter(u -> u.endsWith("/referrals-by-ethnicity")).findFirst().orElse(urls.get(0));
        report.log("API: wrk on %s for %d s, %d dashboard polls/s alongside ...", table, o.apiSeconds(), o.pollPerSecond());
        Wrk.Result full;
        Wrk.Result fewer;
        Wrk.Result notModified;
        DashboardPoller poller = new DashboardPoller(urls).start(o.pollPerSecond());
        try (poller) {
            full = Wrk.run(table, 2, 32, o.apiSeconds(), null);
            fewer = Wrk.run(table, 1, 4, o.apiSeconds(), null);
            notModified = Wrk.run(table, 2, 32, o.apiSeconds(), "If-None-Match: " + SystemApi.etag(table));
        }
        report.log("  200s: %,.0f req/s, p99 %s; 304s: %,.0f req/s, p99 %s; dashboards %s, %d errors",
                full.requestsPerSecond(), full.p99(), notModified.requestsPerSecond(), notModified.p99(),
                poller.latencies().summary(), poller.errors());
        report.section("API (wrk 2 threads, 32 connections, on this machine beside the services)");
        report.row("GET table, full body (cached), 200", String.format("%,.0f req/s, p50 %s, p99 %s, non-2xx %d", full.requestsPerSecond(), full.p50(), full.p99(), full.non2xx()));
        report.row("the same with wrk 1 thread, 4 connections", String.format("%,.0f req/s, p50 %s, p99 %s, non-2xx %d", fewer.requestsPerSecond(), fewer.p50(), fewer.p99(), fewer.non2xx()));
        report.row("GET table with If-None-Match, 304", String.format("%,.0f req/s, p50 %s, p99 %s", notModified.requestsPerSecond(), notModified.p50(), notModified.p99()));
        report.row("dashboards polling alongside (" + o.pollPerSecond() + "/s, " + urls.size() + " tables)",
                String.format("%s, %d errors", poller.latencies().summary(), poller.errors()));
    }
}
